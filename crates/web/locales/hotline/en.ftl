# Mayak user interface, English: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../en.ftl; a key may be defined only once per language.

## Checks during a call
nav-hotline-checks = Checks during a call
nav-hotline-register = Licence register and contacts
hotline-checks-title = Checks during a call
hotline-checks-bar = Checks during the call (the form is kept as your draft):
hotline-checks-back = Back to the consultation (your draft is kept)
hotline-check-agencies = Is the agency licensed?
hotline-check-offer = Job-offer checklist
hotline-check-contacts = Embassy and help contacts
hotline-agencies-lead = Search the register of recruitment agencies licensed to place people in jobs abroad, by name or licence number.
hotline-agency-search = Agency name or licence number
hotline-agency-check = Check
hotline-agency-matches = Entries found in the register
hotline-agency-name = Agency
hotline-agency-city = City
hotline-agency-countries = Countries served
hotline-agency-countries-hint = Hold Ctrl (⌘ on a Mac) to choose several countries.
hotline-licence-number = Licence number
hotline-licence-answer = Answer
hotline-licence-term = Licence term
hotline-licence-from = Valid from
hotline-licence-until = Valid until
hotline-licence-until-hint = Leave empty for a licence without an end date.
hotline-licence-status = Status recorded by the authority
hotline-licence-status-valid = valid
hotline-licence-status-suspended = suspended
hotline-licence-status-revoked = revoked
hotline-licence-valid-range = { $from } to { $until }
hotline-licence-valid-open = from { $from }, no end date
hotline-register-updated = The register kept in Mayak was last updated on { $at }.
hotline-register-empty = The register kept in Mayak is empty.
hotline-verdict-licensed = Licensed
hotline-verdict-not_yet_valid = Licence not yet in force
hotline-verdict-expired = Licence expired
hotline-verdict-suspended = Licence suspended
hotline-verdict-revoked = Licence revoked
hotline-verdict-not_in_register = Not in the register
hotline-verdict-advice-licensed = The agency may recruit for work abroad. Advise the caller to sign a contract with the agency and check that it names the employer, the pay and who pays for travel.
hotline-verdict-advice-not_yet_valid = The licence starts later: the agency may not recruit yet. Advise the caller to wait or choose another licensed agency.
hotline-verdict-advice-expired = The licence term has ended: the agency may no longer recruit. Advise the caller not to pay or hand over documents.
hotline-verdict-advice-suspended = The authority suspended the licence: the agency may not recruit now. Advise the caller not to pay or hand over documents.
hotline-verdict-advice-revoked = The authority revoked the licence. Recruiting without a licence is unlawful: advise the caller not to go, and consider informing the police.
hotline-verdict-advice-not_in_register = No agency with this name or licence number is in the register. Ask for the exact name and licence number; recruiting for work abroad without a licence is unlawful.
hotline-offer-lead = Tick what the caller describes about the offer. The signs restate the ILO/EC indicators of deceptive and coercive recruitment; the assessment is advice for the conversation, not a judgement of the offer.
hotline-offer-ilo = ILO/EC indicator and its weight
hotline-offer-assess = Assess
hotline-offer-keep = Keep these signs with the consultation
hotline-offer-keep-hint = Only the codes of the ticked signs are saved with the consultation, nothing the caller said.
hotline-offer-risk-no_signs_described = No warning signs described
hotline-offer-risk-elevated = Some warning signs: check the offer before going
hotline-offer-risk-high = High risk: signs of trafficking in recruitment
hotline-offer-never-safe = This is advice, not a verdict: the checklist only finds signs the caller mentioned and can never show that an offer is safe.
hotline-offer-reason-present = { $dimension }: present by the ILO rule ({ $rule }).
hotline-offer-reason-signs = { $dimension }: signs ticked: { $count }, fewer than the ILO rule needs.
hotline-offer-reason-coercion = The recruiter already uses a means of control before departure (documents, debt, isolation or threats).
hotline-offer-reason-nothing = Nothing was ticked.
hotline-offer-rule-two_strong = two strong indicators
hotline-offer-rule-strong_and_other = a strong indicator and another
hotline-offer-rule-three_medium = three medium indicators
hotline-offer-rule-two_medium_one_weak = two medium indicators and a weak one
hotline-offer-advice = What to tell the caller
hotline-offer-advice-always = Check the agency's licence, keep the hotline's number, and leave the employer's contacts and a copy of the passport with relatives.
hotline-contacts-lead = Embassies and consulates of Belarus, help organisations and hotlines in the destination country.
hotline-contacts-choose = Choose a country
hotline-contacts-show = Show contacts
hotline-contacts-in = Contacts in { $country }
hotline-contacts-none = No contacts are kept for this country yet.
hotline-contacts-covered = Countries with contacts
hotline-contact-kind = Kind
hotline-contact-kind-embassy = Embassy of Belarus
hotline-contact-kind-consulate = Consulate of Belarus
hotline-contact-kind-ngo = Help organisation
hotline-contact-kind-hotline = Hotline
hotline-contact-name = Name
hotline-contact-city = City
hotline-contact-address = Address
hotline-contact-phone = Phone
hotline-contact-email = E-mail
hotline-contact-website = Web site
hotline-contact-hours = Hours
hotline-contact-notes = Notes for consultants
hotline-contact-needs-one-hint = Give at least one way to reach the contact: phone, e-mail, web site or address.
hotline-signs-kept = Job-offer warning signs
hotline-signs-none = None recorded. Use the job-offer checklist to add them.
hotline-signs-hint = Untick a sign to leave it out.
hotline-notice-signs-kept = The ticked signs were added to the consultation.
hotline-register-title = Licence register and contacts
hotline-register-lead = The reference data consultants check during calls. Every change is recorded in the audit trail; retired entries no longer answer searches.
hotline-register-agencies = Licensed recruitment agencies
hotline-register-contacts = Contacts in destination countries
hotline-agency-add = Add an agency
hotline-agency-edit = Edit the agency
hotline-contact-add = Add a contact
hotline-contact-edit = Edit the contact
hotline-register-save = Save
hotline-retire = Retire
hotline-restore = Restore
hotline-retire-hint = A retired entry stays in the register's history but no longer answers checks.
hotline-retired = retired
hotline-retired-entry = This entry is retired: checks do not find it.
hotline-register-notice-added = Added.
hotline-register-notice-saved = Saved.
hotline-register-notice-retired = Retired.
hotline-register-notice-restored = Restored.
field-licence-format = Enter the licence number with at least one letter or digit.
field-url-format = Enter a web address starting with https:// or http://.
field-contact-needs-one = Give at least one of phone, e-mail, web site or address.

## Viber
viber-welcome = Hello! This is the safe-travel hotline. Write your question here; consultants answer { $hours }. Do not send passport numbers or other documents.
viber-not-text = (A { $kind } was sent through Viber; attachments are not kept. Ask the person to describe it in words.)

## E-mail channel
hotline-mail-attachments = ({ $count } attachment(s) came with the e-mail; attachments are not kept. Ask the person to describe them in words.)
hotline-mail-reply-subject = Safe-travel hotline: answer to request no. { $reference }
hotline-mail-rejected = E-mails the hotline could not read (in the quarantine folder .mayak-rejected of the Maildir): { $count }

## Channel requests: recognising a consenting sender, delivery of the answer
hotline-known-sender = { $plural ->
    [one] This person agreed to be recognised: { $count } consultation.
   *[other] This person agreed to be recognised: { $count } consultations.
}
hotline-recognise-consent = The person agreed in this conversation to be recognised when they write again
hotline-recognise-hint = Only a keyed hash of their address on the channel (Viber or e-mail) is kept, never the address. Without consent their next message is a new anonymous request.
hotline-delivery-sent = The answer was delivered to the channel { $at }
hotline-delivery-waiting = The answer is not delivered yet: { $attempts } attempts, the next one { $at }
hotline-delivery-failed = The answer could not be delivered: the channel does not accept it. The person will not receive it; if they write again, answer anew.
hotline-delivery-error = Last error
field-no-channel-address = This request has no address on a channel, so there is nothing to recognise the person by: untick the box.
