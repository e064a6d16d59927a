using System.Text;

namespace Blind26.PrintingPress.Labels;

public sealed record PressRun(string JobNumber, string Title, int Sheets, int Colours, DateOnly Due);

/// <summary>
/// Caches one <see cref="StringBuilder"/> for reuse so that label formatting on the
/// hot path does not allocate a new builder every time.
/// </summary>
internal static class LabelBuilderCache
{
    private const int MaxBuilderSize = 512;
    private static StringBuilder? s_cached;

    public static StringBuilder Acquire(int capacity = 128)
    {
        if (capacity <= MaxBuilderSize)
        {
            StringBuilder? sb = s_cached;
            if (sb != null && capacity <= sb.Capacity)
            {
                s_cached = null;
                sb.Clear();
                return sb;
            }
        }

        return new StringBuilder(capacity);
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        string result = sb.ToString();
        if (sb.Capacity <= MaxBuilderSize)
        {
            s_cached = sb;
        }

        return result;
    }
}

/// <summary>
/// Formats run labels for the press-room ticket printer. Created per request by the
/// job-ticket controller.
/// </summary>
public sealed class PressRunLabelFormatter
{
    private readonly string _shopCode;

    public PressRunLabelFormatter(string shopCode) => _shopCode = shopCode;

    public string Format(PressRun run)
    {
        var sb = LabelBuilderCache.Acquire();
        sb.Append(_shopCode).Append('-').Append(run.JobNumber);
        sb.Append(" | ").Append(run.Title.Length > 40 ? run.Title[..40] : run.Title);
        sb.Append(" | ").Append(run.Sheets).Append(" sh");
        sb.Append(" | ").Append(run.Colours).Append("C");
        sb.Append(" | due ").Append(run.Due.ToString("yyyy-MM-dd"));
        return LabelBuilderCache.GetStringAndRelease(sb);
    }

    public IReadOnlyList<string> FormatAll(IEnumerable<PressRun> runs) => runs.Select(Format).ToList();
}
