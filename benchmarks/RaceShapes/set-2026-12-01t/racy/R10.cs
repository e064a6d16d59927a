using Microsoft.Extensions.DependencyInjection;

namespace Marathon.Registration;

public sealed record Runner(int Bib, string Name, string Category, DateOnly BirthDate);

/// <summary>
/// Hands out bib numbers and keeps the start list. Registered as a singleton
/// and called by the online sign-up API and the expo-desk kiosks.
/// </summary>
public sealed class BibRegistry
{
    private readonly List<Runner> _startList = new();
    private readonly Dictionary<string, int> _perCategory = new(StringComparer.OrdinalIgnoreCase);
    private int _nextBib = 1001;

    public Runner Register(string name, string category, DateOnly birthDate)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Name is required", nameof(name));
        }

        var bib = _nextBib++;
        var runner = new Runner(bib, name.Trim(), category, birthDate);

        lock (_startList)
        {
            _startList.Add(runner);
            _perCategory.TryGetValue(category, out var count);
            _perCategory[category] = count + 1;
        }

        return runner;
    }

    public IReadOnlyList<Runner> StartList()
    {
        lock (_startList)
        {
            return _startList.OrderBy(r => r.Bib).ToList();
        }
    }

    public int CountInCategory(string category)
    {
        lock (_startList)
        {
            return _perCategory.TryGetValue(category, out var count) ? count : 0;
        }
    }
}

/// <summary>
/// Expo-desk kiosk that registers walk-up entries.
/// </summary>
public sealed class ExpoKiosk
{
    private readonly BibRegistry _registry;

    public ExpoKiosk(BibRegistry registry) => _registry = registry;

    public string RegisterWalkUp(string name, string category, DateOnly birthDate)
    {
        var runner = _registry.Register(name, category, birthDate);
        return $"Bib {runner.Bib} - {runner.Name} ({runner.Category})";
    }
}

public static class RegistrationServices
{
    public static IServiceCollection AddMarathonRegistration(this IServiceCollection services)
    {
        services.AddSingleton<BibRegistry>();
        services.AddTransient<ExpoKiosk>();
        return services;
    }
}
