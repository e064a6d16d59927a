namespace BigTop.Rigging.Inspections;

public sealed record RiggingCheckItem(string Code, string Description, bool RequiresTwoPersonSignOff);

public interface IRiggingCatalogSource
{
    IEnumerable<RiggingCheckItem> LoadTrapezeItems();
}

/// <summary>
/// Provides the pre-show trapeze rigging checklist. The catalogue is loaded on first use.
/// A single instance is shared by the tablet API; every crew tablet requests the
/// checklist at the start of the safety walk, usually all within the same minute.
/// </summary>
public sealed class TrapezeChecklistProvider
{
    private readonly IRiggingCatalogSource _source;
    private readonly object _loadLock = new();
    private List<RiggingCheckItem>? _items;

    public TrapezeChecklistProvider(IRiggingCatalogSource source)
    {
        _source = source;
    }

    public IReadOnlyList<RiggingCheckItem> GetChecklist()
    {
        var items = _items;
        if (items != null)
        {
            return items;
        }

        lock (_loadLock)
        {
            if (_items == null)
            {
                _items = new List<RiggingCheckItem>();
                foreach (var item in _source.LoadTrapezeItems())
                {
                    if (!string.IsNullOrWhiteSpace(item.Code))
                    {
                        _items.Add(item);
                    }
                }
                _items.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            }
            return _items;
        }
    }

    public IReadOnlyList<RiggingCheckItem> TwoPersonItems()
        => GetChecklist().Where(i => i.RequiresTwoPersonSignOff).ToList();

    public RiggingCheckItem? Find(string code)
    {
        foreach (var item in GetChecklist())
        {
            if (item.Code == code)
            {
                return item;
            }
        }
        return null;
    }
}
