ALTER TYPE tier ADD VALUE 'team' BEFORE 'pro';
