use std::process::ExitCode;

fn main() -> ExitCode {
    sphere_faq::app::run(sphere_faq::cli::parse())
}
