# Інтэрфейс Mayak, беларуская: даведнік партнёраў па рэгіёнах і адкрытыя перанакіраванні партнёра.
# Загружаецца пасля ../be.ftl; ключ задаецца толькі адзін раз на мову.

## Старонка рэгіёна.
region-lead = Арганізацыі рэгіёна па тыпах: якія паслугі аказваюць, як звязацца, гадзіны працы і мовы, хто мае права ідэнтыфікаваць пацярпелых, хто ўваходзіць у сетку НДА і ў міждысцыплінарную групу рэгіёна.
region-other = Іншы рэгіён
region-show-list = Паказаць спісам
region-organisations = Арганізацый у рэгіёне
region-services-offered = Паслугі, якія тут аказваюць
region-group = Міждысцыплінарная група
region-group-open = Адкрыць старонку групы
region-group-none = У рэгіёне пакуль няма групы.
region-gaps-title = Якіх паслуг у рэгіёне няма
region-gaps-none = У рэгіёне аказваюць усе віды дапамогі з даведніка.
region-gaps-lead = Ніводная арганізацыя рэгіёна не ўказала гэтыя паслугі. Перанакіроўвайце ў суседнія рэгіёны або ўдакладніце ў партнёраў, ці не з'явіліся такія паслугі.
region-gap-nearby = ёсць у суседніх рэгіёнах
region-gap-nowhere-near = няма і ў суседніх рэгіёнах
region-no-organisations = У даведніку няма арганізацый гэтага рэгіёна.
region-chairs-group = старшынствуе ў групе рэгіёна
region-in-group = у групе рэгіёна
region-not-given = не ўказаны
region-other-groups = Таксама ў групах рэгіёнаў
region-page-link = Старонка рэгіёна
region-page-link-of = Старонка рэгіёна: { $region }

## Адкрытыя перанакіраванні партнёра.
partner-referrals-open = Адкрытыя перанакіраванні
partner-referrals-title = Адкрытыя перанакіраванні
partner-referrals-lead = Перанакіраванні ў гэтую арганізацыю і з яе, якія яшчэ не завершаны (адпраўлены, прыняты, у рабоце). Выпадкі — толькі па кодзе. Пратэрмінаваныя — уверсе і пазначаны.
partner-referrals-reach-own = Гэта ваша арганізацыя: паказаны ўсе яе адкрытыя перанакіраванні.
partner-referrals-reach-all = Як кіраўнік вы бачыце ўсе адкрытыя перанакіраванні гэтай арганізацыі.
partner-referrals-reach-shared = Паказаны толькі перанакіраванні паміж гэтай арганізацыяй і вашай.
partner-referrals-count = { $plural ->
    [one] { $count } адкрытае перанакіраванне
    [few] { $count } адкрытыя перанакіраванні
   *[other] { $count } адкрытых перанакіраванняў
}
partner-referrals-overdue-count = { $plural ->
    [one] { $count } пратэрмінавана
    [few] { $count } пратэрмінаваны
   *[other] { $count } пратэрмінавана
}
partner-referrals-none = Адкрытых перанакіраванняў няма.
partner-referrals-col-direction = Кірунак
partner-referrals-col-sent = Адпраўлена
partner-referrals-col-accept-due = Прыняць да
partner-referrals-col-complete-due = Выканаць да
partner-referrals-direction-incoming = уваходнае, ад
partner-referrals-direction-outgoing = выходнае, у
partner-referrals-inbox = Уваходныя і выходныя перанакіраванні вашай арганізацыі
