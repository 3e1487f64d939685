# Интерфейс Mayak, русский: справочник партнёров по регионам и открытые направления партнёра.
# Загружается после ../ru.ftl; ключ задаётся только один раз на язык.

## Страница региона.
region-lead = Организации региона по типам: какие услуги оказывают, как связаться, часы работы и языки, кто вправе идентифицировать пострадавших, кто входит в сеть НГО и в междисциплинарную группу региона.
region-other = Другой регион
region-show-list = Показать списком
region-organisations = Организаций в регионе
region-services-offered = Услуги, которые здесь оказывают
region-group = Междисциплинарная группа
region-group-open = Открыть страницу группы
region-group-none = В регионе пока нет группы.
region-gaps-title = Каких услуг в регионе нет
region-gaps-none = В регионе оказывают все виды помощи из справочника.
region-gaps-lead = Ни одна организация региона не указала эти услуги. Направляйте в соседние регионы или уточните у партнёров, не появились ли такие услуги.
region-gap-nearby = есть в соседних регионах
region-gap-nowhere-near = нет и в соседних регионах
region-no-organisations = В справочнике нет организаций этого региона.
region-chairs-group = председательствует в группе региона
region-in-group = в группе региона
region-not-given = не указаны
region-other-groups = Также в группах регионов
region-page-link = Страница региона
region-page-link-of = Страница региона: { $region }

## Открытые направления партнёра.
partner-referrals-open = Открытые направления
partner-referrals-title = Открытые направления
partner-referrals-lead = Направления в эту организацию и из неё, которые ещё не завершены (отправлены, приняты, в работе). Случаи — только по коду. Просроченные — вверху и отмечены.
partner-referrals-reach-own = Это ваша организация: показаны все её открытые направления.
partner-referrals-reach-all = Как руководитель вы видите все открытые направления этой организации.
partner-referrals-reach-shared = Показаны только направления между этой организацией и вашей.
partner-referrals-count = { $plural ->
    [one] { $count } открытое направление
    [few] { $count } открытых направления
   *[other] { $count } открытых направлений
}
partner-referrals-overdue-count = { $plural ->
    [one] { $count } просрочено
    [few] { $count } просрочены
   *[other] { $count } просрочено
}
partner-referrals-none = Открытых направлений нет.
partner-referrals-col-direction = Направление
partner-referrals-col-sent = Отправлено
partner-referrals-col-accept-due = Принять до
partner-referrals-col-complete-due = Выполнить до
partner-referrals-direction-incoming = входящее, от
partner-referrals-direction-outgoing = исходящее, в
partner-referrals-inbox = Входящие и исходящие направления вашей организации
