namespace Blind56.TrailCentre.Conditions;

public sealed record TrailSensor(string TrailName, Uri Endpoint);

public sealed record TrailCondition(string TrailName, double SurfaceMoisture, double GroundTempC, string Grade);

public interface ISensorClient
{
    Task<(double Moisture, double TempC)> ReadAsync(Uri endpoint, CancellationToken cancellationToken);
}

/// <summary>
/// Builds the morning trail-condition board for the mountain bike centre from the
/// moisture and ground-temperature sensors out on each trail.
/// </summary>
public sealed class TrailConditionBoard
{
    private readonly ISensorClient _client;

    public TrailConditionBoard(ISensorClient client) => _client = client;

    public async Task<IReadOnlyList<TrailCondition>> BuildAsync(IReadOnlyList<TrailSensor> sensors, CancellationToken ct)
    {
        var conditions = new TrailCondition[sensors.Count];

        await Parallel.ForEachAsync(
            Enumerable.Range(0, sensors.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (index, token) =>
            {
                var sensor = sensors[index];
                try
                {
                    var (moisture, temp) = await _client.ReadAsync(sensor.Endpoint, token).ConfigureAwait(false);
                    conditions[index] = new TrailCondition(sensor.TrailName, moisture, temp, Grade(moisture, temp));
                }
                catch (HttpRequestException)
                {
                    conditions[index] = new TrailCondition(sensor.TrailName, double.NaN, double.NaN, "No data - check before riding");
                }
            }).ConfigureAwait(false);

        return conditions;
    }

    private static string Grade(double moisture, double tempC)
    {
        if (tempC < 0)
        {
            return "Frozen - icy roots and rock";
        }

        return moisture switch
        {
            < 0.15 => "Dry and fast",
            < 0.30 => "Tacky",
            < 0.45 => "Greasy in places",
            _ => "Wet - expect mud",
        };
    }

    public static string Render(IReadOnlyList<TrailCondition> conditions) =>
        string.Join(Environment.NewLine, conditions.Select(c =>
            double.IsNaN(c.SurfaceMoisture)
                ? $"{c.TrailName}: {c.Grade}"
                : $"{c.TrailName}: {c.Grade} ({c.SurfaceMoisture:P0} moisture, {c.GroundTempC:F1}°C)"));
}
