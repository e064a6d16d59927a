namespace FerryTerminal.Manifest
{
    public sealed record ManifestLine(string BookingRef, string Surname, int Passengers, string? VehicleReg, bool Hazardous);

    public sealed record ManifestCheck(int Lines, int Passengers, int Vehicles, List<string> HazardousBookings);

    /// <summary>
    /// Validates the sailing manifest before it is sent to the port authority.
    /// The file is split in two halves checked on separate threads.
    /// </summary>
    public sealed class ManifestValidator
    {
        private sealed class HalfResult
        {
            public int Lines;
            public int Passengers;
            public int Vehicles;
            public readonly List<string> Hazardous = new();
        }

        public ManifestCheck Validate(IReadOnlyList<ManifestLine> lines)
        {
            var mid = lines.Count / 2;
            var first = new HalfResult();
            var second = new HalfResult();

            var worker = new Thread(() => CheckRange(lines, 0, mid, first))
            {
                Name = "manifest-check",
                IsBackground = true,
            };
            worker.Start();

            CheckRange(lines, mid, lines.Count, second);
            worker.Join();

            var hazardous = new List<string>(first.Hazardous.Count + second.Hazardous.Count);
            hazardous.AddRange(first.Hazardous);
            hazardous.AddRange(second.Hazardous);

            return new ManifestCheck(
                first.Lines + second.Lines,
                first.Passengers + second.Passengers,
                first.Vehicles + second.Vehicles,
                hazardous);
        }

        private static void CheckRange(IReadOnlyList<ManifestLine> lines, int from, int to, HalfResult into)
        {
            for (var i = from; i < to; i++)
            {
                var line = lines[i];
                if (line.Passengers <= 0 || string.IsNullOrWhiteSpace(line.BookingRef))
                {
                    continue;
                }

                into.Lines++;
                into.Passengers += line.Passengers;
                if (!string.IsNullOrEmpty(line.VehicleReg))
                {
                    into.Vehicles++;
                }

                if (line.Hazardous)
                {
                    into.Hazardous.Add(line.BookingRef);
                }
            }
        }
    }

    public static class PortAuthoritySubmission
    {
        public static string Summarise(ManifestCheck check) =>
            $"{check.Lines} bookings, {check.Passengers} pax, {check.Vehicles} vehicles" +
            (check.HazardousBookings.Count > 0 ? $", hazardous: {string.Join(",", check.HazardousBookings)}" : string.Empty);
    }
}
