using System.Text;

namespace BikeShare.Rebalancing;

public sealed class DockStation
{
    public DockStation(string stationId, int capacity, int bikes, double[] hourlyNetFlow)
    {
        StationId = stationId;
        Capacity = capacity;
        Bikes = bikes;
        HourlyNetFlow = hourlyNetFlow;
    }

    public string StationId { get; }
    public int Capacity { get; }
    public int Bikes { get; }
    public double[] HourlyNetFlow { get; }
    public int ProjectedBikes { get; set; }
    public string Label { get; set; } = "";
}

/// <summary>
/// Projects each dock's bike count a few hours ahead so the rebalancing vans can be routed.
/// </summary>
public static class DockProjection
{
    [ThreadStatic]
    private static StringBuilder? t_labelBuilder;

    public static int[] ProjectAll(IReadOnlyList<DockStation> stations, int startHour, int hoursAhead)
    {
        var shortfalls = new int[stations.Count];

        Parallel.For(0, stations.Count, i =>
        {
            var station = stations[i];
            double bikes = station.Bikes;
            for (var h = 0; h < hoursAhead; h++)
            {
                bikes += station.HourlyNetFlow[(startHour + h) % station.HourlyNetFlow.Length];
                bikes = Math.Clamp(bikes, 0, station.Capacity);
            }

            station.ProjectedBikes = (int)Math.Round(bikes);
            station.Label = BuildLabel(station);
            shortfalls[i] = station.ProjectedBikes < station.Capacity / 4
                ? station.Capacity / 2 - station.ProjectedBikes
                : 0;
        });

        return shortfalls;
    }

    private static string BuildLabel(DockStation station)
    {
        var sb = t_labelBuilder ??= new StringBuilder(64);
        sb.Clear();
        sb.Append(station.StationId).Append(": ")
          .Append(station.Bikes).Append(" -> ").Append(station.ProjectedBikes)
          .Append(" of ").Append(station.Capacity);
        return sb.ToString();
    }
}
