using System.Collections.Generic;

namespace Blind47.SilkFarms.Breeds;

public sealed record SilkwormBreed(string Code, string Name, int LarvalDays, double CocoonShellRatio, bool Polyvoltine);

/// <summary>
/// Reference data for silkworm breeds, loaded once from the embedded breed
/// register and then read by the rearing-house scheduling jobs running in
/// parallel.
/// </summary>
public static class BreedRegister
{
    private static Dictionary<string, SilkwormBreed>? _breeds;
    private static readonly object _loadLock = new();

    public static SilkwormBreed Get(string code)
    {
        var breeds = EnsureLoaded();
        return breeds.TryGetValue(code, out var breed)
            ? breed
            : throw new KeyNotFoundException($"Unknown breed {code}.");
    }

    public static IReadOnlyCollection<SilkwormBreed> All => EnsureLoaded().Values;

    private static Dictionary<string, SilkwormBreed> EnsureLoaded()
    {
        if (_breeds is null)
        {
            lock (_loadLock)
            {
                if (_breeds is null)
                {
                    _breeds = new Dictionary<string, SilkwormBreed>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in ReadRegister())
                    {
                        var parts = line.Split(';');
                        var breed = new SilkwormBreed(
                            parts[0],
                            parts[1],
                            int.Parse(parts[2]),
                            double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                            parts[4] == "P");
                        _breeds[breed.Code] = breed;
                    }
                }
            }
        }

        return _breeds;
    }

    private static IEnumerable<string> ReadRegister()
    {
        yield return "J122;Japanese 122;24;0.23;U";
        yield return "C108;Chinese 108;25;0.24;U";
        yield return "PM;Pure Mysore;28;0.14;P";
        yield return "NB4D2;Nistari x NB4D2;26;0.18;P";
        yield return "CSR2;CSR2;25;0.23;U";
    }
}

/// <summary>Plans rearing houses for the coming season.</summary>
public static class RearingPlanner
{
    public static IReadOnlyList<string> Plan(IReadOnlyList<(string House, string BreedCode, DateOnly Brushing)> houses)
    {
        var lines = new string[houses.Count];
        Parallel.For(0, houses.Count, i =>
        {
            var (house, code, brushing) = houses[i];
            var breed = BreedRegister.Get(code);
            var spinning = brushing.AddDays(breed.LarvalDays);
            lines[i] = $"{house}: {breed.Name}, expect spinning from {spinning:d}";
        });

        return lines;
    }
}
