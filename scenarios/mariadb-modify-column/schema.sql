-- accounts as the MySQL-family pattern examples have it (docs/patterns/mysql-*/mariadb-10.11/setup.sql)
CREATE TABLE accounts (
  id BIGINT PRIMARY KEY,
  email VARCHAR(200) NOT NULL,
  region VARCHAR(20) NOT NULL,
  code VARCHAR(20),
  balance INT NOT NULL
) DEFAULT CHARSET=latin1;
