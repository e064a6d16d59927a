using System.Collections.Concurrent;

namespace Blind22.TidePools.Surveys;

public sealed record QuadratPhoto(string Transect, int Quadrat, string ImagePath, DateOnly Date);

public sealed record SpeciesCount(string Transect, int Quadrat, string Species, int Count);

/// <summary>
/// Counts organisms in the quadrat photos from a low-tide survey. Photos are analysed
/// in parallel and the results sorted for the survey spreadsheet.
/// </summary>
public sealed class QuadratCounter
{
    private readonly Func<string, IReadOnlyDictionary<string, int>> _recognise;

    public QuadratCounter(Func<string, IReadOnlyDictionary<string, int>> recognise) => _recognise = recognise;

    public IReadOnlyList<SpeciesCount> CountAll(IEnumerable<QuadratPhoto> photos, out int failures)
    {
        var results = new ConcurrentBag<SpeciesCount>();
        var failed = 0;

        Parallel.ForEach(photos, new ParallelOptions { MaxDegreeOfParallelism = 6 }, photo =>
        {
            IReadOnlyDictionary<string, int> found;
            try
            {
                found = _recognise(photo.ImagePath);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            foreach (var (species, count) in found)
            {
                results.Add(new SpeciesCount(photo.Transect, photo.Quadrat, species, count));
            }
        });

        failures = failed;
        return results
            .OrderBy(r => r.Transect, StringComparer.Ordinal)
            .ThenBy(r => r.Quadrat)
            .ThenBy(r => r.Species, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyDictionary<string, int> TotalsBySpecies(IEnumerable<SpeciesCount> counts)
        => counts.GroupBy(c => c.Species).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
}
