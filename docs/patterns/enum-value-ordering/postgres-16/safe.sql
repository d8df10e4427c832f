ALTER TYPE tier ADD VALUE 'team';
