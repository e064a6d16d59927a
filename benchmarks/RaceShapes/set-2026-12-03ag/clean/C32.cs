namespace StainedGlass.Inventory;

public sealed class GlassSheetStock
{
    public int Sheets;
    public int OffcutsSquareCm;
}

/// <summary>
/// Inventory of coloured glass by colour code for the restoration workshop.
/// Cutters at every bench take stock concurrently. Stock is split across a
/// fixed set of stripes by colour code.
/// </summary>
public sealed class GlassInventory
{
    private const int StripeCount = 16;

    private readonly object[] _stripeLocks = new object[StripeCount];
    private readonly Dictionary<string, GlassSheetStock>[] _stripes = new Dictionary<string, GlassSheetStock>[StripeCount];

    public GlassInventory()
    {
        for (int i = 0; i < StripeCount; i++)
        {
            _stripeLocks[i] = new object();
            _stripes[i] = new Dictionary<string, GlassSheetStock>(StringComparer.OrdinalIgnoreCase);
        }
    }

    private static int StripeOf(string colourCode) =>
        (StringComparer.OrdinalIgnoreCase.GetHashCode(colourCode) & 0x7fffffff) % StripeCount;

    public void Receive(string colourCode, int sheets)
    {
        int stripe = StripeOf(colourCode);
        lock (_stripeLocks[stripe])
        {
            var map = _stripes[stripe];
            if (!map.TryGetValue(colourCode, out var stock))
            {
                stock = new GlassSheetStock();
                map[colourCode] = stock;
            }
            stock.Sheets += sheets;
        }
    }

    public bool TryCut(string colourCode, int offcutSquareCm)
    {
        int stripe = StripeOf(colourCode);
        lock (_stripeLocks[stripe])
        {
            if (!_stripes[stripe].TryGetValue(colourCode, out var stock) || stock.Sheets == 0)
            {
                return false;
            }

            stock.Sheets--;
            stock.OffcutsSquareCm += offcutSquareCm;
            return true;
        }
    }

    public int SheetsOf(string colourCode)
    {
        int stripe = StripeOf(colourCode);
        lock (_stripeLocks[stripe])
        {
            return _stripes[stripe].TryGetValue(colourCode, out var stock) ? stock.Sheets : 0;
        }
    }

    public int TotalSheets()
    {
        int total = 0;
        for (int i = 0; i < StripeCount; i++)
        {
            lock (_stripeLocks[i])
            {
                foreach (var stock in _stripes[i].Values)
                {
                    total += stock.Sheets;
                }
            }
        }
        return total;
    }
}
