use std::time::Instant;
fn main() {
    let t = Instant::now();
    let p = sphere_faq::message::problem("invitation email did not arrive");
    println!("message {:?} {p}", t.elapsed());
    let t = Instant::now();
    let c = sphere_faq::codes::extract("invitation email did not arrive 2", ["1014"]);
    println!("codes {:?} {c:?}", t.elapsed());
    let e = sphere_faq::Engine::load().unwrap();
    let t = Instant::now();
    e.index();
    println!("index {:?}", t.elapsed());
    let t = Instant::now();
    let s = e.search("invitation email did not arrive", 4);
    println!("search {:?} {}", t.elapsed(), s.entries.len());
    let t = Instant::now();
    let s = e.search("invitation email did not arrive", 4);
    println!("search again {:?} {}", t.elapsed(), s.entries.len());
}
