package org.gridwatch.common.city;

/**
 * One entry of the city's address table (门牌地址库): a door-plate address as the city writes it and
 * where it is. Complaints that give an address but no coordinates are located with it ({@link
 * org.gridwatch.common.reference.AddressBook}).
 *
 * @param addressId the table's id of the entry
 * @param text the address, e.g. 上海市闵行区莘庄镇莘松路123弄4号
 * @param lat WGS-84 latitude of the door
 * @param lon WGS-84 longitude of the door
 * @param gridCode the unit grid the door is in, or null (then the grid containing lat/lon is taken)
 */
public record Address(String addressId, String text, double lat, double lon, String gridCode) {}
