using System.Globalization;

namespace Zoo.Feeding.Diets;

public sealed record DietSheet(string Species, string Food, int GramsPerFeed, int FeedsPerDay, bool FastOnSunday);

public interface IDietSheetSource
{
    IEnumerable<string> ReadLines();
}

/// <summary>
/// Species diet sheets maintained by the zoo nutritionist. Loading them from the shared
/// drive is slow, so it starts on a background thread when the keepers' app opens; any
/// lookup waits until loading has finished.
/// </summary>
public sealed class DietSheetCatalogue : IDisposable
{
    private readonly ManualResetEventSlim _loaded = new(false);
    private IReadOnlyDictionary<string, DietSheet> _sheets = new Dictionary<string, DietSheet>();
    private Exception? _loadError;

    public DietSheetCatalogue(IDietSheetSource source)
    {
        var loader = new Thread(() => Load(source)) { IsBackground = true, Name = "diet-sheet-loader" };
        loader.Start();
    }

    private void Load(IDietSheetSource source)
    {
        try
        {
            var sheets = new Dictionary<string, DietSheet>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in source.ReadLines().Skip(1))
            {
                var f = line.Split(',');
                sheets[f[0]] = new DietSheet(
                    f[0],
                    f[1],
                    int.Parse(f[2], CultureInfo.InvariantCulture),
                    int.Parse(f[3], CultureInfo.InvariantCulture),
                    f[4].Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));
            }

            _sheets = sheets;
        }
        catch (Exception ex)
        {
            _loadError = ex;
        }
        finally
        {
            _loaded.Set();
        }
    }

    public DietSheet? For(string species, TimeSpan timeout)
    {
        if (!_loaded.Wait(timeout))
        {
            throw new TimeoutException("Diet sheets are still loading.");
        }

        if (_loadError is not null)
        {
            throw new InvalidOperationException("Diet sheets could not be loaded.", _loadError);
        }

        return _sheets.TryGetValue(species, out var sheet) ? sheet : null;
    }

    public int DailyGramsFor(string species, DayOfWeek day)
    {
        var sheet = For(species, TimeSpan.FromSeconds(30));
        if (sheet is null || (sheet.FastOnSunday && day == DayOfWeek.Sunday))
        {
            return 0;
        }

        return sheet.GramsPerFeed * sheet.FeedsPerDay;
    }

    public void Dispose() => _loaded.Dispose();
}
