namespace Blind46.FountainPen.Engraving;

public sealed record PenOrder(string Model, string NibSize, int Year, int SerialNumber, string? Monogram);

/// <summary>
/// Builds the text engraved on the barrel of each pen. Registered as a scoped
/// service, so every order request in the shop API gets its own formatter.
/// </summary>
public sealed class BarrelEngravingFormatter
{
    private const int MaxEngravingLength = 48;

    // working area for building the engraving text
    private static readonly char[] s_scratch = new char[MaxEngravingLength];

    private readonly string _workshopMark;

    public BarrelEngravingFormatter(string workshopMark) => _workshopMark = workshopMark;

    public string Format(PenOrder order)
    {
        int pos = 0;
        pos = Append(_workshopMark, pos);
        pos = Append(" ", pos);
        pos = Append(order.Model.ToUpperInvariant(), pos);
        pos = Append(" ", pos);
        pos = Append(order.NibSize, pos);
        pos = Append(" ", pos);
        pos = AppendNumber(order.Year % 100, 2, pos);
        pos = Append("-", pos);
        pos = AppendNumber(order.SerialNumber, 5, pos);

        if (!string.IsNullOrWhiteSpace(order.Monogram))
        {
            pos = Append(" ~", pos);
            pos = Append(order.Monogram.Trim(), pos);
        }

        return new string(s_scratch, 0, pos);
    }

    private static int Append(string text, int pos)
    {
        foreach (char c in text)
        {
            if (pos == s_scratch.Length)
                break;
            s_scratch[pos++] = c;
        }

        return pos;
    }

    private static int AppendNumber(int value, int digits, int pos)
    {
        if (pos + digits > s_scratch.Length)
            return pos;

        for (int i = digits - 1; i >= 0; i--)
        {
            s_scratch[pos + i] = (char)('0' + value % 10);
            value /= 10;
        }

        return pos + digits;
    }
}

public sealed class OrderEndpoint
{
    private readonly BarrelEngravingFormatter _formatter;

    public OrderEndpoint(BarrelEngravingFormatter formatter) => _formatter = formatter;

    public async Task<string> ConfirmAsync(PenOrder order, Func<string, Task> sendToEngraver)
    {
        string text = _formatter.Format(order);
        await sendToEngraver(text).ConfigureAwait(false);
        return text;
    }
}
