/* outer /* inner */ still open
SELECT 1;
