// The answer of GET /exhibitions/:id/occupancy, free of imports so the retention page reads it too.

/** One hall's booths as sold so far, or all halls' (`hall` null). */
export interface HallOccupancy {
  hall: { id: string; name: string | null } | null;
  booths: number;
  blocked: number;
  /** Booths on sale: all but the blocked ones. */
  sellable: number;
  booked: number;
  sellableArea: number;
  bookedArea: number;
  /** Booked area over sellable area (null for a hall with nothing on sale). */
  occupancy: number | null;
  /** List price of the reserved and sold booths. */
  revenue: number;
  byStatus: Record<string, { booths: number; area: number }>;
}

export interface EditionOccupancy {
  edition: { id: string; name: string; status: string };
  /** By hall name. */
  halls: HallOccupancy[];
  total: HallOccupancy;
}
