namespace SnowPlough.Depot
{
    public sealed record TruckTelemetry(string TruckId, double FuelLitres, double SaltTonnes, double OdometerKm);

    public sealed class ShiftSummary
    {
        public List<TruckTelemetry> Trucks { get; } = new();
        public double FuelUsedLitres { get; set; }
        public double SaltSpreadTonnes { get; set; }
        public string? ReportPath { get; set; }
    }

    public interface IDepotTelemetry
    {
        IReadOnlyList<TruckTelemetry> ReadStartOfShift();
        IReadOnlyList<TruckTelemetry> ReadEndOfShift();
    }

    /// <summary>
    /// Builds the end-of-shift summary for the depot supervisor as a chain
    /// of background steps: collect, compute, write.
    /// </summary>
    public sealed class ShiftSummaryBuilder
    {
        private readonly IDepotTelemetry _telemetry;
        private readonly string _outputFolder;

        public ShiftSummaryBuilder(IDepotTelemetry telemetry, string outputFolder)
        {
            _telemetry = telemetry;
            _outputFolder = outputFolder;
        }

        public Task<ShiftSummary> BuildAsync()
        {
            var summary = new ShiftSummary();

            return Task.Run(() =>
                {
                    summary.Trucks.AddRange(_telemetry.ReadEndOfShift());
                    return _telemetry.ReadStartOfShift().ToDictionary(t => t.TruckId);
                })
                .ContinueWith(collect =>
                {
                    var start = collect.Result;
                    foreach (var end in summary.Trucks)
                    {
                        if (start.TryGetValue(end.TruckId, out var s))
                        {
                            summary.FuelUsedLitres += Math.Max(0, s.FuelLitres - end.FuelLitres);
                            summary.SaltSpreadTonnes += Math.Max(0, s.SaltTonnes - end.SaltTonnes);
                        }
                    }
                }, TaskContinuationOptions.OnlyOnRanToCompletion)
                .ContinueWith(_ =>
                {
                    var path = Path.Combine(_outputFolder, $"shift-{DateTime.UtcNow:yyyyMMdd-HHmm}.txt");
                    File.WriteAllLines(path, summary.Trucks.Select(t => $"{t.TruckId},{t.FuelLitres:F1},{t.SaltTonnes:F2},{t.OdometerKm:F0}"));
                    summary.ReportPath = path;
                    return summary;
                }, TaskContinuationOptions.OnlyOnRanToCompletion);
        }
    }
}
