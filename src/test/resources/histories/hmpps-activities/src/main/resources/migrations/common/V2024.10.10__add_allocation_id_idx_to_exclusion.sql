CREATE INDEX idx_exclusion_allocation_id ON exclusion (allocation_id);

