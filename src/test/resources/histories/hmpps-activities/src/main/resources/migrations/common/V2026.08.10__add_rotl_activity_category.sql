insert into activity_category(activity_category_id, code, name, description)
values (10, 'SAA_ROTL', 'Outside activity', 'Temporary absence or ROTL for outside work');
