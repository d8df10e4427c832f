update appointment_category
    set description = 'Medical - GP or nurse triage'
    where appointment_category_id = 20;

update appointment_category
    set description = 'Medical - Mental health service'
    where appointment_category_id = 22;

update appointment_category
    set description = 'Medical - Medication collection'
    where appointment_category_id = 35;