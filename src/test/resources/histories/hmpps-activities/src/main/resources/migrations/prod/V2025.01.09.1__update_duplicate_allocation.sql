update allocation set prisoner_status = 'ACTIVE' where allocation.allocation_id = 98435;
