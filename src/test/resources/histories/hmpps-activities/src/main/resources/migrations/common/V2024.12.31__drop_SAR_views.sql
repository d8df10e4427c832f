DROP view v_sar_allocation;
DROP view v_sar_waiting_list;