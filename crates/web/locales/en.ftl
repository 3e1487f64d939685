# Mayak user interface: English.
# Plural variants select on $plural (one, few, many, other: computed by Mayak) and show $count.
app-name = Mayak
skip-to-content = Skip to main content
demo-banner = Demo mode: every person and record here is fictional.
lang-switch-label = Language
nav-label = Main navigation
nav-prevention = Prevention
nav-prosecution = Prosecution
nav-protection = Protection
nav-partnership = Partnership
nav-administration = Administration
nav-partners = Partner directory
nav-groups = Multidisciplinary groups
nav-reference = Reference lists
footer-hotline = Safe-travel hotline: 8 801 201 5555 (free), 113 (short number), daily 8:00–20:00.
footer-about = Mayak is open-source software for the national counter-trafficking response: prevention, prosecution, protection and partnership.
yes = Yes
filter-all = All
filter-apply = Apply

home-title = Counter-trafficking response, end to end
home-lead = Mayak connects the hotline, case management, the rehabilitation centre, the training centre and partner organisations across every region of Belarus, and keeps the people it helps safe.
hotline-heading = Safe-travel hotline
hotline-free-line = free national line
hotline-abroad-line = calls from abroad and mobile phones
hotline-short-number = short number
hotline-hours = Consultants answer every day from 8:00 to 20:00. Advice is free and anonymous.
home-4p-heading = The four components
home-prevention-text = The safe-travel hotline, online consultations, information campaigns and public self-check quizzes.
home-prosecution-text = The training centre for specialists, screening with the ILO indicators and identification of victims under the law.
home-protection-text = Case management for victims and persons who may have suffered: needs, assistance, consent and the rehabilitation centre.
home-partnership-text = The National Referral Mechanism: partner organisations, referrals, regional multidisciplinary groups and the NGO network.
home-glance-heading = At a glance
home-figure-organisations = Partner organisations
home-figure-ngos = NGOs in the network
home-figure-cities = { $plural ->
    [one] in { $count } city
   *[other] in { $count } cities
}
home-figure-groups = Regional multidisciplinary groups

reference-title = Reference lists
reference-lead = Controlled vocabularies with stable codes from the standards (HTCDS, CTDC, ISO 3166) and labels in three languages. Retired entries stay on old records but cannot be chosen for new ones.
reference-col-list = List
reference-col-code = Code
reference-col-active = Active
reference-col-retired = Retired
reference-col-extensible = Can be extended
reference-col-alt-code = Alpha-3
reference-col-region = Region
reference-col-status = Status
reference-standard-list = No: fixed by a standard or by rules
reference-entry-count = { $plural ->
    [one] { $count } entry
   *[other] { $count } entries
}
reference-retired = Retired
reference-active = Active
list-region = Regions
list-place = Cities and districts
list-country = Countries
list-sex = Sex
list-age_band = Age bands (CTDC)
list-exploitation_type = Types of exploitation
list-labour_type = Types of labour exploitation
list-sexual_exploitation_type = Types of sexual exploitation
list-industry = Industries (ISIC Rev. 4)
list-means_of_control = Means of control
list-recruitment_type = Types of recruitment
list-recruitment_app = Apps used in recruitment
list-recruiter_relation = Relation to the recruiter
list-family_relation = Family relations
list-organisation_type = Organisation types
list-service_type = Assistance types
list-need_type = Needs
list-consequence = Consequences of trafficking
list-hotline_topic = Hotline topics
list-hotline_channel = Hotline channels
list-caller_type = Who is calling
list-hotline_outcome = Consultation outcomes
list-case_status = Case statuses
list-nrm_phase = NRM phases
list-legal_status = Legal statuses
list-consent_purpose = Consent purposes
list-consent_form = Consent forms
list-rehabilitation_kind = Kinds of social rehabilitation
list-shift_kind = Rehabilitation shift kinds
list-document_type = Document types
list-language = Languages
list-campaign_theme = Campaign themes
list-campaign_channel = Campaign channels

partners-title = Partner directory
partners-lead = Organisations of the National Referral Mechanism: state bodies, the NGO network, IOM, the rehabilitation centre and the training centre.
partners-filter-region = Region
partners-filter-type = Organisation type
partners-count = { $plural ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
partners-col-name = Organisation
partners-col-type = Type
partners-col-region = Region
partners-col-place = City
partners-col-roles = Role in the referral mechanism
partners-may-identify = may identify victims
partners-ngo-network = NGO network
groups-title = Regional multidisciplinary groups
groups-lead = One group in every region brings together the police, social services, health, education and NGOs to discuss cases and coordinate help.
groups-chair = Chair
groups-member-count = { $plural ->
    [one] { $count } member organisation
   *[other] { $count } member organisations
}

error-go-home = Go to the home page
error-page-bad-request-title = The request could not be understood
error-page-bad-request-text = Check the address or the form and try again.
error-page-unauthorized-title = Please sign in
error-page-unauthorized-text = This page is for signed-in staff. Sign in and try again.
error-page-forbidden-title = Access denied
error-page-forbidden-text = Your role does not allow this action. If your work needs it, ask your supervisor.
error-page-not-found-title = Page not found
error-page-not-found-text = There is no such page, or it is not available to you. Check the address or start from the home page.
error-page-method-title = This action is not possible here
error-page-method-text = The page does not accept this kind of request. Go back and use the page's own buttons.
error-page-too-many-title = Too many attempts
error-page-too-many-text = Wait a few minutes and try again.
error-page-unavailable-title = Mayak is temporarily unavailable
error-page-unavailable-text = The database does not answer. Nothing you sent was saved; try again in a minute. If this lasts, tell your administrator.
error-page-storage-full-title = The server's disk is full
error-page-storage-full-text = Nothing you sent was saved: the database has no disk space left. Keep what you typed, tell your administrator, and try again once space is freed.
error-page-internal-title = Something went wrong
error-page-internal-text = Mayak could not complete the request and nothing was changed. The error has been logged; please try again or tell your administrator.

problem-validation = Some fields are not valid
problem-validation-detail = { $plural ->
    [one] { $count } field needs correcting; see errors.
   *[other] { $count } fields need correcting; see errors.
}
problem-malformed-json = The body is not valid JSON
problem-malformed-json-detail = Send a well-formed JSON document.
problem-invalid-json = The JSON does not match the expected shape
problem-invalid-json-detail = Check field names and types against the OpenAPI document at /api/v1/openapi.json.
problem-invalid-query = The query string is not valid
problem-invalid-query-detail = Check the query parameters against the OpenAPI document at /api/v1/openapi.json.
problem-unsupported-media-type = Unsupported content type
problem-unsupported-media-type-detail = Send the body as JSON with the header Content-Type: application/json.
problem-payload-too-large = The request body is too large
problem-payload-too-large-detail = Send at most 1 MiB.
problem-not-found = Not found
problem-not-found-detail = There is no such resource, or it is not available to you.
problem-method-not-allowed = Method not allowed
problem-method-not-allowed-detail = This resource does not support this HTTP method; see /api/v1/openapi.json.
problem-unauthorized = Authentication required
problem-unauthorized-detail = Sign in or send a valid bearer token.
problem-forbidden = Forbidden
problem-forbidden-detail = Your role does not allow this action.
problem-conflict = Conflict
problem-conflict-detail = The request conflicts with existing data (for example, the code is already taken).
problem-too-many-requests = Too many requests
problem-too-many-requests-detail = { $plural ->
    [one] Try again in { $seconds } second.
   *[other] Try again in { $seconds } seconds.
}
problem-unavailable = Service temporarily unavailable
problem-unavailable-detail = The database does not answer; nothing was changed. Retry later.
problem-storage-full = The server's disk is full
problem-storage-full-detail = The database has no disk space left; nothing was changed. Retry once the administrator has freed space.
problem-internal = Internal error
problem-internal-detail = The request failed and nothing was changed. The error has been logged.

field-required = This field is required.
field-too-long = Too long: at most { $max } characters.
field-unknown-code = Not a known value: choose one from the list.
field-child-needs-representative = A child under { $age } cannot consent alone: record the consent of their legal representative.
field-code-chars = Use only Latin letters, digits and - _ + . in a code.
field-list-not-extensible = This list is fixed by a standard or by rules; new entries cannot be added.
field-control-chars = Remove control characters (such as tabs or line breaks).

app-name-latin = Mayak
login-link = Sign in
logout = Sign out
choose = Choose…
save = Save
form-has-errors = Please correct the following:
password-hint = At least 12 characters. A phrase of several words is easy to remember and hard to guess. Common and breached passwords are refused.
login-title = Sign in
login-lead = For staff of the organisations in the referral mechanism. Callers and visitors need no account.
login-field-login = Login
login-field-password = Password
login-submit = Sign in
login-error-invalid = The login or the password is wrong. Check both and try again.
login-error-expired = The sign-in form had expired. Please enter your login and password again.
login-error-locked = { $plural ->
    [one] Too many failed attempts. Try again in { $minutes } minute.
   *[other] Too many failed attempts. Try again in { $minutes } minutes.
}
login-error-code = The code is wrong or was already used. Enter the current code from your authenticator app, or one of your recovery codes.
second-factor-title = Second factor
second-factor-lead = Open the authenticator app on your phone and enter the six-digit code it shows for Mayak.
second-factor-field = Code
second-factor-hint = Lost your phone? Enter one of your recovery codes instead (each works once).
second-factor-submit = Confirm
enrol-title = Set up the second factor
enrol-lead = Your role gives access to personal data, so signing in needs a second factor: a code from an authenticator app on your phone.
enrol-step-app = Install an authenticator app (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).
enrol-step-scan = In the app, add an account and scan this code:
enrol-step-key = If you cannot scan it, type this key:
enrol-step-code = Enter the six-digit code the app now shows.
enrol-field = Code from the app
enrol-submit = Confirm and continue
recovery-title = Your recovery codes
recovery-lead = Keep these codes somewhere safe, away from your phone. Each one signs you in once if you lose the phone. They are shown only now.
recovery-continue = I have saved them: continue
account-title = My account
account-name = Name
account-organisation = Organisation
account-roles = Roles
account-second-factor = Second factor
account-mfa-on = authenticator app set up
account-mfa-off = not set up
account-codes-left = { $plural ->
    [one] { $count } recovery code left
   *[other] { $count } recovery codes left
}
account-change-password = Change password
account-current-password = Current password
account-new-password = New password
account-confirm-password = New password again

role-admin = System administrator
role-supervisor = Supervisor
role-hotline-consultant = Hotline consultant
role-case-manager = Case manager
role-rehabilitation-staff = Rehabilitation centre staff
role-mdg-member = Multidisciplinary group member
role-partner-caseworker = Partner caseworker
role-trainer = Trainer
role-analyst = Analyst
role-auditor = Auditor
role-content-editor = Content editor

nav-users = Users
nav-organisations = Organisations
nav-sessions = Sessions
nav-audit = Audit trail

notice-created = Created.
notice-saved = Saved.
notice-disabled = The user is disabled; their sessions ended and their tokens were revoked.
notice-enabled = The user can sign in again.
notice-mfa-reset = The second factor was removed; the user sets it up again at next sign-in.
notice-sessions-ended = All sessions of the user ended.
notice-session-ended = The session ended.
notice-token-revoked = The token was revoked.
notice-added = The entry was added.
notice-retired = The entry was retired: old records keep it, new ones cannot choose it.
notice-restored = The entry can be chosen again.
notice-password-changed = Your password was changed; your other sessions ended.

users-title = Users
users-new = New user
users-col-login = Login
users-col-name = Name
users-col-organisation = Organisation
users-col-roles = Roles
users-col-status = State
users-active = active
users-disabled = disabled
users-password = Password
users-password-hint = Leave empty to generate one, shown once. Users can change it on their account page.
users-create = Create user
users-created-password = The user { $login } was created. Their password, shown only now:
users-actions = Actions
users-enable = Enable
users-disable = Disable
users-disable-confirm = Disable this user? Their sessions end and their tokens are revoked at once.
users-reset-mfa = Reset second factor
users-reset-mfa-confirm = Remove this user's second factor? They will set it up again at next sign-in.
users-end-sessions = End all sessions
users-session-count = { $plural ->
    [one] { $count } active session
   *[other] { $count } active sessions
}
sessions-title = Active sessions
sessions-lead = Everyone signed in now, on every instance. Ending a session signs that person out at once.
sessions-col-started = Signed in
sessions-col-last-seen = Last active
sessions-col-address = Address
sessions-col-agent = Browser
sessions-col-instance = Instance
sessions-pending = second factor pending
sessions-end = End
sessions-end-label = End the session of { $login }
tokens-title = API tokens
tokens-lead = Tokens let scripts and integrations use the API with exactly the permissions of their user. They are stored only as digests.
tokens-col-label = Purpose
tokens-col-issued = Issued
tokens-col-expires = Expires
tokens-col-last-used = Last used
tokens-revoked = revoked
tokens-expired = expired
tokens-revoke = Revoke
tokens-how = Tokens are issued from the command line:
orgs-title = Organisations
orgs-new = New organisation
orgs-edit = Edit: { $name }
orgs-col-slug = Short identifier
orgs-name-ru = Name in Russian
orgs-name-be = Name in Belarusian
orgs-name-en = Name in English
orgs-no-place = (no city)
orgs-create = Create organisation
audit-title = Audit trail
audit-lead = Every sign-in, denial, change, read of identifying data and administrative act, in a hash chain that cannot be changed unnoticed.
audit-col-when = When
audit-col-action = Action
audit-col-record = Record
audit-col-outcome = Outcome
reference-add = Add an entry
reference-label-ru = Label in Russian
reference-label-be = Label in Belarusian
reference-label-en = Label in English
reference-retire = Retire
reference-restore = Restore
reference-retire-label = Retire { $code }
reference-restore-label = Restore { $code }

problem-invalid-credentials = Sign-in failed
problem-invalid-credentials-detail = The login, the password or the code is wrong. Check them and try again.
problem-mfa-enrolment-required = Second factor not set up
problem-mfa-enrolment-required-detail = This account must set up an authenticator app first: sign in once in the web interface.

field-too-short = Too short: at least { $min } characters.
field-login-chars = Use only lowercase Latin letters, digits and . _ - in a login.
field-choose-one = Choose at least one.
field-taken = This is already taken; choose another.
field-keep-own-admin = You cannot remove your own administrator role.
field-place-outside-region = This city is not in the chosen region.
field-password-too-short = Too short: a password needs at least { $min } characters.
field-password-common = This password is too common or appears in breached-password lists; choose another.
field-password-context = The password must not contain your login or the name of the system.
field-wrong-password = The current password is wrong.
field-passwords-differ = The two new passwords differ.
field-date-out-of-range = The date is outside the possible range: check the year.
field-phone-format = Enter a phone number with 5 to 15 digits, for example +375 29 123-45-67.
field-email-format = Enter an e-mail address such as name@example.org.
audit-record-type = Record type
audit-record-id = Record id
audit-from = From
audit-until = Until (inclusive)
audit-col-fields = Fields
audit-col-reason = Reason
audit-count = { $plural ->
    [one] { $count } entry, newest first.
   *[other] { $count } entries, newest first.
}
audit-limited = Only the newest are shown: narrow the search, or export it.
audit-export = Export as CSV
audit-export-reason = Reason for the export
audit-export-hint = Required: the export and its reason are recorded in the audit trail.
audit-export-submit = Download CSV
field-date-format = Enter a date as YYYY-MM-DD.
field-no-such-user = There is no user with this login.
field-reason-required = Give a reason of at least 5 characters.
nav-retention = Retention
retention-title = Retention and erasure
retention-lead = { $plural ->
    [one] Identifying data is erased for good { $days } day after a person's last case closed, or when they withdraw consent to processing, but only after an administrator approves the run below. Statistics keep counting erased persons.
   *[other] Identifying data is erased for good { $days } days after a person's last case closed, or when they withdraw consent to processing, but only after an administrator approves the run below. Statistics keep counting erased persons.
}
retention-due = { $plural ->
    [one] { $count } person is due and on no pending run.
   *[other] { $count } persons are due and on no pending run.
}
retention-dry-run = Make a dry run now
retention-run = Run { $id }
retention-status-pending = awaiting approval
retention-status-approved = approved: erased
retention-status-rejected = rejected: nothing erased
retention-reason-retention = retention period passed
retention-reason-consent_withdrawn = consent to processing withdrawn
retention-candidates = { $plural ->
    [one] { $count } person
   *[other] { $count } persons
}
retention-show = Show the list
retention-person = Person { $id }
retention-approve = Approve and erase
retention-approve-confirm = Erase the identifying data of everyone on this run? This cannot be undone.
retention-reject = Reject
notice-run-created = A dry run was made: review it below.
notice-nothing-due = Nobody is due for erasure.
notice-run-approved = The run was approved and the identifying data erased.
notice-run-rejected = The run was rejected; nothing was erased.

nav-cases = Cases
nav-new-case = New case
unknown-yet = Not known yet
cases-title = Cases
cases-search = Search
cases-search-hint = A case code (BR-2026-00042, or its beginning), or a person's full name, document number or phone number.
cases-search-exact = Names, documents and phones are found only when typed exactly (they are stored encrypted, searchable through keyed digests).
cases-count = { $plural ->
    [one] { $count } case
   *[other] { $count } cases
}
cases-col-code = Case
cases-col-status = Status
cases-col-phase = NRM phase
cases-col-legal = Legal status
cases-col-exploitation = Exploitation
cases-col-registered = Registered
cases-col-manager = Case manager
cases-older = Next cases
cases-filter-from = Registered from
cases-filter-until = Registered until
cases-filter-org = Lead organisation
cases-sort = Order
cases-sort-auto = Automatic
cases-sort-auto-hint = Newest first; by registration date when a period is chosen; by code when searching by a code.
cases-sort-newest = Newest first
cases-sort-oldest = Oldest first
cases-sort-registered-desc = Registration date, latest first
cases-sort-registered-asc = Registration date, earliest first
cases-sort-code = Case code
cases-sort-updated = Recently changed
intake-title = New case: intake
intake-lead = Record what you know now; everything can be completed later. The person's identifying data is encrypted, and only the case code appears in lists.
intake-duplicates = This person may already have a case:
intake-duplicate-elsewhere = a case in { $region } (you have no access to it; ask its organisation)
intake-duplicates-hint = If this is the same person, continue their case instead. If not, tick the box below and register again.
intake-person = The person
intake-person-hint = Only the name is required. Identifying data is encrypted and every look at it is recorded.
intake-family-name = Family name
intake-given-names = Given names
intake-patronymic = Patronymic
intake-birth-date = Date of birth
intake-sex = Sex
intake-citizenship = Citizenship
intake-stateless-or-unknown = Stateless or not known
intake-document-type = Identity document
intake-no-document = No document
intake-document-number = Document number
intake-phone = Phone
intake-language = Language spoken
intake-case = The case
intake-confirm-new = This is a different person: register a new case
intake-submit = Register the case
case-lead-organisation = Lead organisation
case-unassigned = Not assigned
case-country = Country of exploitation
case-reload = Reload the case
case-stale = { $plural ->
    [one] Someone else changed this case meanwhile (it is now at version { $version }). Nothing was saved: reload it, check the changes and enter yours again.
   *[other] Someone else changed this case meanwhile (it is now at version { $version }). Nothing was saved: reload it, check the changes and enter yours again.
}
case-htcds-status = Trafficking status (HTCDS)
case-closed-on = Closed
case-person = Person
case-person-logged = You are viewing identifying data: this view is recorded in the audit trail.
case-name = Name
case-person-erased = The identifying data was erased (retention period or withdrawal of consent). The case stays for statistics.
case-person-hidden = Your role or this person's consent does not allow you to see identifying data on this case.
case-edit = Status and profile
case-closure-reason = Closure reason
case-closure-hint = Required when the status is closed.
case-outcome = Reintegration outcome
case-identification = Identification (Law No. 350-Z)
case-identification-hint = Only bodies allowed to identify victims may record the decision. Screening results are advice, never a decision.
case-identified-on = Date of the decision
case-identification-document = Decision document (number)
case-identify = Record the decision
case-consents = Informed consent
case-consent-purpose = Purpose
case-consent-organisation = Organisation (for referral)
case-consent-given = Given
consent-given-by = Given by
consent-given-by-person = the person
consent-given-by-representative = a legal representative (child under 16)
consent-withdrawn-on = withdrawn on { $date }
consent-valid = valid
consent-withdraw = Withdraw
consent-withdraw-confirm = Record that this consent was withdrawn? Withdrawing consent to processing queues the person's identifying data for erasure.
consent-add = Record a consent
consent-no-organisation = (not a referral)
consent-form = Form
case-services = Services
case-service-type = Service
case-service-provider = Provider
case-service-dates = Dates
case-service-start = Start
case-service-cost = Cost, BYN
service-status-Planned = planned
service-status-InProgress = in progress
service-status-Completed = completed
service-status-Cancelled = cancelled
service-complete = Mark completed
service-outcome = Outcome of the service
service-outcome-placeholder = Outcome (optional)
service-add = Add a service
case-timeline = History
event-created = Case registered
event-updated = Changed
event-closed = Closed
event-reopened = Reopened
event-identification = Identification decision recorded
event-consent-given = Consent recorded
event-consent-withdrawn = Consent withdrawn
event-service-added = Service added
event-service-status = Service status changed
case-readers = Who has seen or changed this person's data
notice-case-saved = The case was saved.
notice-case-identified = The identification decision was recorded.
notice-case-consent-added = The consent was recorded.
notice-case-consent-withdrawn = The withdrawal was recorded.
notice-case-service-added = The service was added.
notice-case-service-updated = The service was updated.
field-consent-missing = { $purpose ->
    [Referral] Missing consent: the person has not agreed to be referred to { $organisation_name }. Record that consent first.
    [LawEnforcementSharing] Missing consent: the person has not agreed to share their data with law enforcement.
    [Processing] Missing consent: the person has not agreed to the processing of their data.
   *[other] Missing consent for this action.
}
field-not-a-closure = Choose a closed status to close the case.
field-status-transition = This decision is not possible from the current legal status.
field-required-for-referral = Choose the organisation the person agreed to be referred to.
field-amount-format = Enter an amount such as 125.50.
nav-break-glass = Break-glass
nav-break-glass-review = Break-glass review
break-glass-title = Open a case outside your scope
break-glass-lead = Only in an emergency. You must give a reason; the opening lasts two hours, is recorded in the audit trail and is flagged until an auditor reviews it.
break-glass-reason = Reason (at least 10 characters)
break-glass-submit = Open the case
break-glass-review-title = Break-glass openings
break-glass-review-lead = Cases opened outside their user's scope, unreviewed first. Check each reason and mark it reviewed.
break-glass-reviewed = reviewed
break-glass-mark-reviewed = Mark reviewed
field-no-such-case = There is no case with this code.
screening-open = Screen with the ILO indicators
screening-title = Screening: ILO/EC operational indicators
screening-lead = Tick every indicator the person's story shows. The result is advice to the identifying body, with its reasoning; it never changes the legal status.
screening-lists = Indicator lists
screening-list-adult_labour = Adults, labour exploitation
screening-list-adult_sexual = Adults, sexual exploitation
screening-list-child_labour = Children, labour exploitation
screening-list-child_sexual = Children, sexual exploitation
screening-dimension-deceptive_recruitment = Deceptive recruitment
screening-dimension-coercive_recruitment = Coercive recruitment
screening-dimension-recruitment_abuse_of_vulnerability = Recruitment by abuse of vulnerability
screening-dimension-exploitation = Exploitative conditions
screening-dimension-coercion_at_destination = Coercion at destination
screening-dimension-abuse_of_vulnerability_at_destination = Abuse of vulnerability at destination
screening-weight-strong = strong
screening-weight-medium = medium
screening-weight-weak = weak
screening-submit = Assess
screening-counts = { $strong } strong, { $medium } medium, { $weak } weak
screening-reason-present = { $dimension }: present ({ $counts }).
screening-reason-absent = { $dimension }: not present ({ $counts }).
screening-element-recruitment = Recruitment
screening-element-exploitation = Exploitation
screening-element-coercion = Coercion
screening-reason-element-present = { $element }: established.
screening-reason-element-missing = { $element }: not established.
screening-reason-child = The person is a child: coercion is not needed to conclude.
screening-conclusion-likely_victim = Advice: likely a victim of trafficking
screening-conclusion-possible_victim = Advice: possibly a victim; some elements are not established
screening-conclusion-no_indication = Advice: no indication of trafficking from these indicators
screening-advice = This is advice for the identifying body, not a decision. Only an authorised body decides the legal status.
event-screening = Screening recorded
nav-my-work = My work
screening-none = Not screened yet.
case-needs = Needs assessment
case-needs-none = No needs assessed yet.
case-need = Need
case-severity = Severity
severity-high = high
severity-medium = medium
severity-low = low
case-assessed-on = Assessed on
case-assessed-by = By
case-need-add = Record an assessed need
case-plan = Individual assistance plan
case-plan-none = No goals yet.
case-goal = Goal
case-target = Target date
goal-status-open = open
goal-status-achieved = achieved
goal-status-dropped = dropped
goal-achieved = Mark achieved
case-goal-add = Add a goal
case-no-names-hint = No names here: the case code identifies the case (this text is not encrypted).
case-tasks = Tasks and follow-ups
case-tasks-none = No tasks.
case-task = Task
case-due = Due
case-task-assignee = For
case-task-add = Add a task
task-done = Done
case-notes = Case notes
case-notes-hint = Notes are encrypted under this person's key, and each reading is recorded.
case-note-add = New note
case-note-save = Save the note
work-title = My work
work-tasks = My tasks, overdue first
work-no-tasks = No open tasks.
work-overdue = overdue
work-cases = { $plural ->
    [one] My open case ({ $count })
   *[other] My open cases ({ $count })
}
event-need-assessed = Need assessed
event-goal-added = Goal added
event-goal-achieved = Goal achieved
event-goal-dropped = Goal dropped
event-goal-open = Goal reopened
event-note-added = Note added
event-task-added = Task added
event-task-done = Task done
event-break_glass = Opened by break-glass
notice-case-need-added = The need was recorded.
notice-case-goal-added = The goal was added to the plan.
notice-case-goal-updated = The goal was updated.
notice-case-note-added = The note was saved (encrypted).
notice-case-task-added = The task was added.
notice-case-task-done = The task is done.
case-profile = Exploitation profile and proceedings
case-profile-none = No episode recorded yet.
case-episode = Episode { $n }
case-episode-add = Add an episode
case-started = Started
case-ended = Ended
case-stages = Trafficking events
case-stage-add = Add a trafficking event
case-stage-kind = Event
case-stage-country = Country
case-stage-place = Place (city or region; no addresses)
case-stage-date = Date
stage-Recruitment = Recruitment
stage-Transit = Transit
stage-Exploitation = Exploitation
case-perpetrators = Perpetrators
case-perpetrator-add = Add a perpetrator (by role)
case-perpetrator-role = Role
perpetrator-Recruiter = Recruiter
perpetrator-Transporter = Transporter
perpetrator-Exploiter = Exploiter
perpetrator-Controller = Controller
perpetrator-Other = Other
case-proceedings = Legal proceedings
case-proceeding-add = Record legal proceedings
case-proceeding-kind = Kind
proceeding-criminal = Criminal case
proceeding-civil = Civil case
case-proceeding-stage = Stage
proceeding-stage-investigation = investigation
proceeding-stage-court = in court
proceeding-stage-verdict = verdict
proceeding-stage-closed = closed
case-person-role = The person's role
person-role-victim = victim
person-role-witness = witness
legal-aid-given = legal aid given
compensation-claimed = compensation claimed
compensation-awarded = compensation awarded
case-proceeding-on = As of
notice-case-episode-added = The episode was added to the profile.
notice-case-profile-updated = The profile was updated.
event-episode-added = Exploitation episode recorded
event-trafficking_event-added = Trafficking event recorded
event-perpetrator-added = Perpetrator recorded
event-proceeding-added = Legal proceedings recorded
field-before-start = The end is before the start.
field-cursor-invalid = This page address does not fit the chosen order: start again from the first page.
field-out-of-range = Choose a number from { $min } to { $max }.
case-files = Scans and documents
case-files-none = No files.
case-file = File { $n }
case-file-erased = (erased)
case-file-add = Add a scan
case-file-hint = PDF, JPEG or PNG, at most 10 MiB. Files are encrypted under this person's key; every download is recorded.
case-file-upload = Upload
notice-case-file-added = The file was stored (encrypted).
field-file-too-large = The file is too large: at most { $max } MiB.
field-file-type = Only PDF, JPEG and PNG files are accepted.

# Family members and accompanying children
no = No
case-relatives = Family and accompanying children
case-relatives-hint = Each family member is a person of their own: their data is encrypted and every view of it is recorded.
case-relatives-none = No family members recorded.
case-relative-relation = Relation
case-relative-accompanying = Accompanying
case-relative-accompanying-hint = Travels or stays with the person (e.g. a child in the shelter)
case-relative-age = { $n } y.
case-relative-add = Add a family member or child
case-relative-save = Save the family member
notice-case-relative-added = The family member was recorded (encrypted).
event-relative-added = Family member recorded

# Intake drafts
intake-drafts = Your unfinished intakes
intake-drafts-hint = Only you see your drafts; they are encrypted and deleted after 30 days without changes.
intake-draft-link = Draft { $n }
intake-draft-saved-at = saved
intake-draft-delete = Delete draft { $n }
intake-draft-hint = Not everything known yet? Save a draft: nothing is checked or registered, and you can continue later.
intake-save-draft = Save as draft
notice-draft-saved = The draft was saved (encrypted). Continue now or later from this page.
notice-draft-deleted = The draft was deleted.
field-draft-too-large = The form is too large to keep as a draft: shorten the longest texts.

## nrm
nav-referrals = Referrals
nav-overrides = Referrals without consent
case-person-limited = You see what the referral discloses; the person's file stays with the lead organisation.
referrals-title = Referrals
referrals-lead = Referrals your organisation sent and received. Overdue ones are marked on both sides.
referrals-none = No referrals.
referrals-incoming = Incoming
referrals-outgoing = Outgoing
referrals-open-only = Open referrals only
referrals-with-closed = Show closed referrals too
referral-title = Referral
referral-new = Refer to a partner
transfer-new = Transfer the case lead
referral-lead = Choose the services the person needs: Mayak suggests partners that offer them in the person's region, then in neighbouring regions. Sending needs the person's consent to a referral to that organisation.
transfer-lead = The receiving organisation becomes the case's lead once it accepts. It needs the person's consent to a referral to it.
referral-services = Services needed
referral-suggest = Suggest partners
referral-suggested = Suggested partners
referral-no-suggestions = No organisation offers these services in this or a neighbouring region: choose one below.
referral-offers = Offers
referral-nearness-same_region = Same region
referral-nearness-neighbouring = Neighbouring region
referral-other-organisations = Other organisations
referral-to = Receiving organisation
referral-disclosure = What the receiver sees
referral-disclosure-hint = Identifying parts are shown only while the person's consent to this referral stands; until the receiver accepts, it sees the needs only.
disclosure-needs_only = Needs only
disclosure-needs_and_contacts = Needs and contacts (name, phone, languages)
disclosure-full_assessment = Full assessment (identity, needs, exploitation profile, plan)
referral-accept-due = Accept or decline by
referral-complete-due = Complete by
referral-override = Send without consent (supervisor)
referral-override-reason = Reason for sending without consent
referral-override-hint = Only when the person cannot be asked and waiting would harm them. The referral is flagged for review, and the receiver sees no identifying data until consent is recorded.
referral-override-flagged = flagged for review
referral-send = Send the referral
transfer-send = Ask to take over the case
referral-col-from = From
referral-col-to = To
referral-col-services = Services
referral-col-due = Due
referral-kind-services = Referral
referral-kind-transfer = Transfer of the case lead
referral-side-sender = You sent it
referral-side-receiver = You received it
referral-sent-at = Sent
referral-decline-reason = Reason for declining
referral-state-note = Note
referral-actions = What to do
referral-action-accept = Accept
referral-action-decline = Decline
referral-action-start = Start work
referral-action-complete = Mark completed
referral-action-cancel = Cancel the referral
referral-note-optional = Note (optional, no names)
referral-outcome-hint = What the services achieved, without names: it becomes the outcome of the services on the case.
referral-add-service = Record a service you provide
referral-notes = Notes on the referral
referral-notes-hint = Both sides read these notes; they are encrypted like the case notes and every reading is recorded.
referral-notes-none = No notes yet.
referral-note-add = Add a note
referral-state-sent = sent
referral-state-accepted = accepted
referral-state-declined = declined
referral-state-in_progress = in progress
referral-state-completed = completed
referral-state-cancelled = cancelled
referral-overdue-acceptance = acceptance overdue
referral-overdue-completion = completion overdue
decline-reason-no_capacity = No capacity
decline-reason-service_not_offered = Service not offered
decline-reason-outside_area = Outside our area
decline-reason-person_not_reachable = Person not reachable
decline-reason-other = Other reason
notice-referral-sent = The referral was sent.
notice-referral-accepted = The referral was accepted.
notice-referral-declined = The referral was declined.
notice-referral-in_progress = Work on the referral has started.
notice-referral-completed = The referral was completed; its services on the case are completed.
notice-referral-cancelled = The referral was cancelled.
notice-referral-note-added = The note was added.
notice-referral-service-added = The service was recorded on the case.
inbox-title = Inbox
inbox-to-decide = { $plural ->
    [one] { $count } referral to accept or decline
   *[other] { $count } referrals to accept or decline
}
inbox-transfers = { $plural ->
    [one] { $count } case transfer to accept
   *[other] { $count } case transfers to accept
}
inbox-overdue = { $plural ->
    [one] { $count } overdue
   *[other] { $count } overdue
}
inbox-due-soon = { $plural ->
    [one] { $count } due within three days
   *[other] { $count } due within three days
}
inbox-to-decide-title = To accept or decline
inbox-transfers-title = Case transfers to accept
inbox-overdue-title = Overdue
inbox-due-soon-title = Due within three days
overrides-title = Referrals sent without consent
overrides-lead = A supervisor sent these referrals without the person's consent, giving a reason. Review each one.
overrides-none = No referral was sent without consent.
overrides-review = Mark reviewed
overrides-reviewed = Reviewed
partners-col-capacity = Capacity
field-referral-transition = This is not possible from the referral's current state.
field-referral-wrong-side = The other side of the referral does this.
field-referral-to-self = Choose another organisation: the case's lead cannot refer to itself.
field-override-not-allowed = Only a supervisor may send a referral without the person's consent.
field-due-before-acceptance = The completion date cannot be before the acceptance date.
event-referral-sent = Referred to a partner
event-referral-accepted = Referral accepted
event-referral-declined = Referral declined
event-referral-in_progress = Work on the referral started
event-referral-completed = Referral completed
event-referral-cancelled = Referral cancelled
event-referral-note = Note on a referral
event-transfer-sent = Transfer of the case lead asked
event-transfer-completed = Case lead transferred
event-transfer-declined = Transfer declined
event-transfer-cancelled = Transfer cancelled
event-mdg-discussed = Discussed by the multidisciplinary group
notice-directory-saved = The directory details were saved.
directory-filter-service = Service offered
directory-services = Services offered
directory-contacts = Contacts
directory-edit = Edit directory details
directory-public-link = Public list of organisations
directory-public-title = Where to find help
directory-public-lead = Organisations of the national referral mechanism that chose to be listed, with what they chose to publish.
directory-address = Address
directory-phone = Phone
directory-email = E-mail
directory-hours = Working hours
directory-languages = Languages
directory-capacity = Capacity notes
directory-details-title = Directory details
directory-details-lead = What the partner directory shows of this organisation, the services referral suggestions match, and what the public list may show.
directory-publish = Public list
directory-publish-hint = Never publish a shelter's address. Name, type and region are shown once the organisation is listed; tick what else it publishes.
directory-published = List this organisation publicly
directory-field-city = City
directory-field-address = Address
directory-field-phone = Phone
directory-field-email = E-mail
directory-field-hours = Working hours
directory-field-languages = Languages
directory-field-services = Services offered
