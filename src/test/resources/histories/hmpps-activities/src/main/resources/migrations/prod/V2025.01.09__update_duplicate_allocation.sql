update allocation set prisoner_status = 'ENDED' where allocation.allocation_id = 98435;
