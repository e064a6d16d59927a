using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind59.HedgeMaze.Puzzles;

/// <summary>
/// A puzzle station somewhere in the maze (riddle post, brass rubbing, QR treasure hunt).
/// </summary>
public interface IPuzzleStation
{
    string StationCode { get; }
    bool CheckAnswer(string answer);
}

public sealed class RiddlePost : IPuzzleStation
{
    public string StationCode => "riddle-1";
    public bool CheckAnswer(string answer) => string.Equals(answer.Trim(), "yew", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Discovers puzzle stations from the built-in assembly and from seasonal add-on
/// assemblies, once at start-up. Visitors' phones look stations up for the rest of the day.
/// </summary>
public sealed class PuzzleStationRegistry : IHostedService
{
    private readonly string _addOnFolder;
    private readonly ILogger<PuzzleStationRegistry> _logger;
    private FrozenDictionary<string, IPuzzleStation> _stations = FrozenDictionary<string, IPuzzleStation>.Empty;

    public PuzzleStationRegistry(string addOnFolder, ILogger<PuzzleStationRegistry> logger)
    {
        _addOnFolder = addOnFolder;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IPuzzleStation>(StringComparer.OrdinalIgnoreCase);
        AddFrom(typeof(RiddlePost).Assembly, found);

        if (Directory.Exists(_addOnFolder))
        {
            var files = Directory.GetFiles(_addOnFolder, "*.dll");
            var assemblies = await Task.Run(() => files.Select(TryLoad).OfType<Assembly>().ToList(), cancellationToken)
                .ConfigureAwait(false);
            foreach (var assembly in assemblies)
            {
                AddFrom(assembly, found);
            }
        }

        Volatile.Write(ref _stations, found.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        _logger.LogInformation("Maze has {Count} puzzle stations today", found.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IPuzzleStation? Find(string stationCode) =>
        Volatile.Read(ref _stations).TryGetValue(stationCode, out var station) ? station : null;

    public IReadOnlyCollection<string> StationCodes => Volatile.Read(ref _stations).Keys;

    private Assembly? TryLoad(string file)
    {
        try
        {
            return Assembly.LoadFrom(file);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            _logger.LogWarning(ex, "Ignoring add-on {File}", file);
            return null;
        }
    }

    private static void AddFrom(Assembly assembly, Dictionary<string, IPuzzleStation> into)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(IPuzzleStation).IsAssignableFrom(type)
                && type.GetConstructor(Type.EmptyTypes) is not null)
            {
                var station = (IPuzzleStation)Activator.CreateInstance(type)!;
                into[station.StationCode] = station;
            }
        }
    }
}

public static class PuzzleAnswerEndpoint
{
    public static string Submit(PuzzleStationRegistry registry, string station, string answer) =>
        registry.Find(station) switch
        {
            null => "Unknown station - are you lost?",
            var s when s.CheckAnswer(answer) => "Correct! Head for the next gap in the hedge.",
            _ => "Not quite. Try again.",
        };
}
