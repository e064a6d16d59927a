namespace Blind63.StainedGlass.Leading;

public sealed record LeadedPanel(string Id, string Window, IReadOnlyList<(double X, double Y)> Joints, double CameLengthMm);

public sealed class LeadingEstimate
{
    public double TotalCameMetres { get; init; }
    public int SolderJoints { get; init; }
    public IReadOnlyList<string> Oversized { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Estimates lead came and solder joints for a commission before the studio
/// orders materials. Windows can hold hundreds of panels, so panels are
/// estimated in parallel.
/// </summary>
public sealed class LeadingEstimator
{
    private readonly double _maxPanelCameMm;

    public LeadingEstimator(double maxPanelCameMm) => _maxPanelCameMm = maxPanelCameMm;

    private sealed class Partial
    {
        public double CameMm;
        public int Joints;
        public readonly List<string> Oversized = new();
    }

    public LeadingEstimate Estimate(IEnumerable<LeadedPanel> panels)
    {
        double totalCameMm = 0;
        int totalJoints = 0;
        var oversized = new List<string>();
        var merge = new object();

        Parallel.ForEach(
            panels,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Partial(),
            (panel, _, partial) =>
            {
                if (panel.CameLengthMm > _maxPanelCameMm)
                {
                    partial.Oversized.Add(panel.Id);
                }
                partial.CameMm += panel.CameLengthMm * 1.05;
                partial.Joints += panel.Joints.Count;
                return partial;
            },
            partial =>
            {
                lock (merge)
                {
                    totalCameMm += partial.CameMm;
                    totalJoints += partial.Joints;
                    oversized.AddRange(partial.Oversized);
                }
            });

        oversized.Sort(StringComparer.Ordinal);
        return new LeadingEstimate
        {
            TotalCameMetres = Math.Round(totalCameMm / 1000.0, 2),
            SolderJoints = totalJoints,
            Oversized = oversized
        };
    }
}
