# Mayak user interface, English: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../en.ftl; a key may be defined only once per language.

## E-mail notices: nothing but "a new item" and a link, on purpose.
mail-notice-subject = You have a new item in Mayak
mail-notice-body =
    Hello,

    You have a new item in Mayak. Sign in to see it:
    { $link }

    For everyone's safety this message holds no details.
    You receive it because your e-mail address is set in your Mayak account.

## E-mail: the user's address and the outbox (administrators).
nav-mail = E-mail
mail-title = E-mail outbox
mail-on = E-mail notices are on: a worker delivers the queue to the SMTP relay, retrying with growing pauses when it is down.
mail-off = E-mail is off.
mail-off-how = Set --smtp-host, --mail-from and --mail-base-url (see the operator's guide) to send notices; until then they are not sent and expire after two days.
mail-lead = Every notice says only that there is a new item in Mayak, with a link; no case code, name or organisation. Messages are listed here without their text.
mail-filter = Show by state
mail-all = All
mail-state-queued = Waiting
mail-state-sent = Sent
mail-state-failed = Failed
mail-state-expired = Expired
mail-empty = Nothing here.
mail-col-recipient = Recipient
mail-col-kind = About
mail-col-state = State
mail-col-attempts = Attempts
mail-col-queued = Queued
mail-col-sent = Sent
mail-col-error = Last error
mail-next-attempt = next attempt
mail-retry = Try again
mail-retried = The message is back in the queue.
mail-kind-message = Message
mail-notice-referral-received = Referral received
mail-notice-referral-accepted = Referral accepted
mail-notice-referral-declined = Referral declined
mail-notice-referral-overdue = Referral overdue
mail-notice-transfer-received = Transfer received
mail-notice-transfer-accepted = Transfer accepted
mail-notice-action-due = Action item due
mail-notice-action-overdue = Action item overdue
mail-user-title = E-mail notices
mail-user-hint = With an address, this user gets an e-mail for each new item of their inbox (referrals, transfers, due and overdue items); leave it empty for none.
mail-user-address = E-mail address
mail-user-language = Language of the e-mails
mail-user-save = Save e-mail settings

## Multidisciplinary groups: the group, its meetings' minutes, the yearly summary.
grp-open = Members and meetings
grp-title = Multidisciplinary group
grp-summary-link = Summary of
grp-members = Members
grp-col-person = Person
grp-col-role = Role in the group
grp-col-organisation = Organisation
grp-meetings = Meetings
grp-no-meetings = No meetings recorded yet.
grp-col-date = Date
grp-col-present = Present
grp-col-cases = Cases discussed
grp-col-open-actions = Open action items
grp-col-state = State
grp-overdue = Overdue
grp-new-meeting = Record a meeting
grp-agenda = Agenda
grp-create-meeting = Record the meeting
grp-meeting = Meeting of
grp-save-agenda = Save date and agenda
grp-attendance = Attendance
grp-present = Who was present
grp-save-attendance = Save attendance
grp-cases = Cases discussed
grp-cases-hint = By case code only; never write names or details of the people into the minutes.
grp-no-cases = No cases recorded.
grp-case-code = Case code, e.g. HM-2026-00042
grp-add-case = Add the case
grp-decisions = Decisions
grp-decision = Decision
grp-add-decision = Add the decision
grp-actions = Action items
grp-action = Action
grp-owner = Owner
grp-due = Due
grp-done = Done
grp-mark-done = Mark done
grp-add-action = Add the action item
grp-summary = Year summary
grp-year = Year
grp-show = Show
grp-sum-meetings = Meetings held
grp-sum-attendance = Attendance rate
grp-sum-average = on average
grp-sum-cases = Cases discussed
grp-sum-decisions = Decisions
grp-sum-actions = Action items set
grp-sum-done = Action items done
grp-sum-overdue = Action items overdue
groups-notice-created = The meeting is recorded; add attendance, cases, decisions and action items below.
groups-notice-saved = Saved.
field-mdg-case-unknown = No case with this code that you may see. Check the code (such as HM-2026-00042).
field-mdg-case-other-region = This case belongs to another region; only cases of the group's region are discussed here.
field-mdg-owner-required = Choose the member who owns the action item.
nrm-stats-title = Referral statistics
nrm-stats-from = Sent from
nrm-stats-to = Sent until
nrm-stats-sent = Referrals sent
nrm-stats-declined = Declined
nrm-stats-accept-median = Median time to acceptance
nrm-stats-accept-p90 = 90% accepted within
nrm-stats-complete-median = Median time to completion
nrm-stats-complete-p90 = 90% completed within
nrm-stats-hours = { $n } h
nrm-stats-days = { $n } days
nrm-stats-unit-days = { " " }days
nrm-stats-withheld = not shown
nrm-stats-by-partner = By receiving organisation
nrm-stats-by-region = By region
nrm-stats-by-service = By requested service
nrm-stats-decline-reasons = Decline reasons
nrm-stats-chart-accept = Median days to acceptance: { $by }
nrm-stats-no-region = Region not recorded
nrm-stats-none = No referrals in this view.
nrm-stats-suppression-note = Referrals for services (not transfers of the case lead) sent in the period. Counts under { $threshold } are hidden, with one more where a hidden count could be worked out from the total; times are shown only when at least { $threshold } referrals make them.
field-nrm-stats-period-order = The end of the period is before its start.
nrm-nav-referral-stats = Referral statistics
