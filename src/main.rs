use std::process::ExitCode;

fn main() -> ExitCode {
    // A shell asking for completions (SPHERE_FAQ_COMPLETE=bash …) is answered here, before
    // any output.
    sphere_faq::completion::complete_if_asked();
    sphere_faq::app::run().into()
}
