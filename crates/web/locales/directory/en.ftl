# Mayak user interface, English: the partner directory by region and a partner's open referrals.
# Loaded after ../en.ftl; a key may be defined only once per language.

## The region's page.
region-lead = The region's organisations by type: the services they offer, how to reach them, working hours and languages, who may identify victims, who belongs to the NGO network and to the region's multidisciplinary group.
region-other = Another region
region-show-list = Show as a list
region-organisations = Organisations in the region
region-services-offered = Services offered here
region-group = Multidisciplinary group
region-group-open = Open the group's page
region-group-none = The region has no group yet.
region-gaps-title = Services the region lacks
region-gaps-none = Every kind of assistance of the reference list is offered in the region.
region-gaps-lead = No organisation of the region lists these services. Refer to a neighbouring region, or ask the partners whether they offer them now.
region-gap-nearby = offered in neighbouring regions
region-gap-nowhere-near = not offered in neighbouring regions either
region-no-organisations = The directory holds no organisation of this region.
region-chairs-group = chairs the region's group
region-in-group = in the region's group
region-not-given = not given
region-other-groups = Also in the groups of
region-page-link = Region's page
region-page-link-of = Region's page: { $region }

## A partner's open referrals.
partner-referrals-open = Open referrals
partner-referrals-title = Open referrals
partner-referrals-lead = Referrals to and from this organisation that are not finished (sent, accepted, in progress). Cases by code only. Overdue ones come first and are marked.
partner-referrals-reach-own = This is your organisation: all its open referrals are shown.
partner-referrals-reach-all = As a supervisor you see all open referrals of this organisation.
partner-referrals-reach-shared = Only the referrals between this organisation and yours are shown.
partner-referrals-count = { $plural ->
    [one] { $count } open referral
   *[other] { $count } open referrals
}
partner-referrals-overdue-count = { $plural ->
    [one] { $count } overdue
   *[other] { $count } overdue
}
partner-referrals-none = No open referrals.
partner-referrals-col-direction = Direction
partner-referrals-col-sent = Sent
partner-referrals-col-accept-due = Accept by
partner-referrals-col-complete-due = Complete by
partner-referrals-direction-incoming = incoming, from
partner-referrals-direction-outgoing = outgoing, to
partner-referrals-inbox = Your organisation's incoming and outgoing referrals
