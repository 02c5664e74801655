//! The serde mirror of site.toml, exactly as written, with spans for error locations.

use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RawSite {
    pub title: Option<Spanned<String>>,
    pub base_url: Option<Spanned<String>>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub theme: Option<Spanned<String>>,
    pub per_page: Option<Spanned<i64>>,
    pub feed_limit: Option<Spanned<i64>>,
    pub timezone: Option<Spanned<String>>,
    pub search: Option<bool>,
    pub cashtags: Option<bool>,
    pub social: Option<RawSocial>,
    pub images: Option<RawImages>,
    #[serde(default)]
    pub ecosystems: BTreeMap<Spanned<String>, RawEcosystem>,
    #[serde(default)]
    pub companies: BTreeMap<Spanned<String>, RawCompany>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RawSocial {
    pub image: Option<Spanned<String>>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RawEcosystem {
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RawCompany {
    pub name: Option<String>,
    pub full_name: Option<String>,
    #[serde(default)]
    pub tickers: Vec<Spanned<String>>,
    pub ecosystem: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub description: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct RawImages {
    pub widths: Option<Spanned<Vec<Spanned<i64>>>>,
}
