//! The lesson parser on any bytes, with any part behind an include (the bytes again): it never
//! panics, reports at most 101 problems, and what parses also runs and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_sim_core::lesson::{check::check, parse, LessonRun};

fuzz_target!(|data: &[u8]| {
    let part = {
        let mut p = b"%smtp-part 1\n".to_vec();
        p.extend_from_slice(data);
        p
    };
    match parse("fuzz.smtp", data, &mut |_: &str| Some(part.clone())) {
        Err(problems) => assert!(problems.len() <= 101),
        Ok(lesson) => {
            let mut run = LessonRun::new(lesson.clone());
            while run.poll_event().is_some() {}
            let _ = check(&lesson, &mut |_: &str| None);
        }
    }
});
