namespace Typewriter.Repair.Manuals;

public sealed record ServiceManual(string Model, string Manufacturer, int Year, string PdfPath);

public interface IManualArchive
{
    IEnumerable<ServiceManual> Scan();
}

/// <summary>
/// Finds the service manual for a typewriter model when a repair ticket is opened.
/// Registered once per process; every ticket request calls into it.
/// </summary>
public sealed class ManualIndex
{
    private readonly Lazy<IReadOnlyDictionary<string, ServiceManual>> _byModel;

    public ManualIndex(IManualArchive archive)
    {
        _byModel = new Lazy<IReadOnlyDictionary<string, ServiceManual>>(
            () => Build(archive),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ServiceManual? Find(string model)
    {
        return _byModel.Value.TryGetValue(Normalize(model), out var manual) ? manual : null;
    }

    public IEnumerable<ServiceManual> ByManufacturer(string manufacturer)
    {
        return _byModel.Value.Values
            .Where(m => string.Equals(m.Manufacturer, manufacturer, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.Year);
    }

    private static IReadOnlyDictionary<string, ServiceManual> Build(IManualArchive archive)
    {
        var index = new Dictionary<string, ServiceManual>(StringComparer.OrdinalIgnoreCase);
        foreach (var manual in archive.Scan())
        {
            // Keep the newest revision when the archive has duplicates.
            var key = Normalize(manual.Model);
            if (!index.TryGetValue(key, out var existing) || existing.Year < manual.Year)
            {
                index[key] = manual;
            }
        }
        return index;
    }

    private static string Normalize(string model) => model.Replace(" ", string.Empty).Replace("-", string.Empty);
}

public sealed class TicketIntake
{
    private readonly ManualIndex _index;

    public TicketIntake(ManualIndex index) => _index = index;

    public Task<string[]> AttachManualsAsync(IEnumerable<string> models)
    {
        return Task.WhenAll(models.Select(m => Task.Run(() => _index.Find(m)?.PdfPath ?? "(no manual on file)")));
    }
}
