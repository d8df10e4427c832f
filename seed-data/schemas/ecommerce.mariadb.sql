-- The online shop of ecommerce.sql, in MariaDB's dialect (10.11, 11.4): the same tables, keys, CHECKs and indexes,
-- so seed-data/ecommerce.yaml seeds it unchanged. timestamptz becomes datetime(6) (MariaDB's timestamp stops in 2038),
-- identity becomes AUTO_INCREMENT, and each foreign key has its index, as InnoDB requires.
CREATE TABLE customers (
    id          bigint AUTO_INCREMENT PRIMARY KEY,
    email       varchar(254) NOT NULL UNIQUE,
    name        text NOT NULL,
    country     char(2),
    segment     varchar(16) NOT NULL CHECK (segment IN ('consumer', 'business', 'vip')),
    created_at  datetime(6) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE products (
    id           bigint AUTO_INCREMENT PRIMARY KEY,
    sku          varchar(32) NOT NULL UNIQUE,
    title        text NOT NULL,
    category     text NOT NULL,
    price_cents  int NOT NULL CHECK (price_cents > 0),
    description  text
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
    id           bigint AUTO_INCREMENT PRIMARY KEY,
    customer_id  bigint NOT NULL,
    status       varchar(16) NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    total_cents  int NOT NULL CHECK (total_cents >= 0),
    coupon_code  text,
    placed_at    datetime(6) NOT NULL,
    KEY orders_customer_id_idx (customer_id),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_items (
    order_id          bigint NOT NULL,
    product_id        bigint NOT NULL,
    quantity          int NOT NULL CHECK (quantity > 0),
    unit_price_cents  int NOT NULL CHECK (unit_price_cents > 0),
    PRIMARY KEY (order_id, product_id),
    KEY order_items_product_id_idx (product_id),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id)
) DEFAULT CHARSET = utf8mb4;
