//! JSON bodies from outside: the public online consultation (anonymous visitors) and its
//! ticket, the consultant's consultation log, and a case intake, into their real request
//! structs, as the API's JSON extractor reads them. The Viber webhook adapter is not in this
//! tree yet; its payloads get a target of their own when it lands.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mayak_web::api::{cases, hotline};

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<hotline::PublicRequest>(data);
    let _ = serde_json::from_slice::<hotline::TicketRequest>(data);
    let _ = serde_json::from_slice::<hotline::NewConsultationRequest>(data);
    let _ = serde_json::from_slice::<cases::NewCaseRequest>(data);
    let _ = serde_json::from_slice::<cases::PatchCaseRequest>(data);
});
