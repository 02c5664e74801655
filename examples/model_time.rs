use std::sync::Arc;
use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let config = brief::config::load(&root, &Default::default()).unwrap();
    let articles: Vec<Arc<brief::content::Article>> = brief::content::load(&config)
        .unwrap()
        .0
        .into_iter()
        .map(Arc::new)
        .collect();
    let options = brief::model::ModelOptions {
        drafts: true,
        future: false,
        now: jiff::Timestamp::now(),
    };
    for _ in 0..5 {
        let t = Instant::now();
        let (site, w) =
            brief::model::build_shared(config.clone(), articles.clone(), &options).unwrap();
        let t1 = t.elapsed();
        let t = Instant::now();
        let pass = brief::render::Pass::new(&site);
        let t2 = t.elapsed();
        println!(
            "model {:?} pass {:?} warnings {} routes {}",
            t1,
            t2,
            w.len(),
            site.routes.len()
        );
        drop(pass);
    }
}
