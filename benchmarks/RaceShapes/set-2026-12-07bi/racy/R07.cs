namespace Blind61.CaveSurvey;

public sealed record SurveyLeg(string FromStation, string ToStation, double Tape, double Compass, double Clino);

public sealed record SurveyTrip(string TripId, string Passage, IReadOnlyList<SurveyLeg> Legs);

public interface ISurveyArchive
{
    IAsyncEnumerable<string> ListTripIdsAsync(string caveSystem, CancellationToken ct);
    Task<SurveyTrip> LoadTripAsync(string tripId, CancellationToken ct);
}

/// <summary>
/// Command-line tool that totals surveyed length per passage for a cave system, reading
/// every trip file from the club archive.
/// </summary>
public sealed class PassageLengthReport
{
    private readonly ISurveyArchive _archive;

    public PassageLengthReport(ISurveyArchive archive) => _archive = archive;

    public async Task<IReadOnlyDictionary<string, double>> BuildAsync(string caveSystem, CancellationToken ct)
    {
        var lengths = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct };

        await Parallel.ForEachAsync(_archive.ListTripIdsAsync(caveSystem, ct), options, async (tripId, token) =>
        {
            var trip = await _archive.LoadTripAsync(tripId, token);
            var horizontal = trip.Legs.Sum(HorizontalLength);

            lengths.TryGetValue(trip.Passage, out var soFar);
            lengths[trip.Passage] = soFar + horizontal;
        });

        return lengths;
    }

    private static double HorizontalLength(SurveyLeg leg)
    {
        // splays are recorded with a "-" to-station and don't count towards length
        if (leg.ToStation == "-")
            return 0;
        return leg.Tape * Math.Cos(leg.Clino * Math.PI / 180.0);
    }

    public static async Task<int> Main(string[] args, ISurveyArchive archive)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: passage-length <cave-system>");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var report = new PassageLengthReport(archive);
        var lengths = await report.BuildAsync(args[0], cts.Token);
        foreach (var (passage, metres) in lengths.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"{passage,-30} {metres,10:F1} m");
        return 0;
    }
}
