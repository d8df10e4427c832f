-- Run once by the replica's entrypoint: follow the source by GTID.
CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'mysql', SOURCE_USER = 'root', SOURCE_PASSWORD = 'rehearse',
    SOURCE_AUTO_POSITION = 1, GET_SOURCE_PUBLIC_KEY = 1;
START REPLICA;
