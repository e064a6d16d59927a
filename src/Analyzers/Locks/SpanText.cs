using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Locks;

/// <summary>Carries a <see cref="TextSpan"/> in a diagnostic property, for code fixes to find a second node.</summary>
internal static class SpanText
{
    public static string Format(TextSpan span) => span.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static TextSpan? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        return colon > 0
               && int.TryParse(text!.Substring(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
               && int.TryParse(text.Substring(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            ? new TextSpan(start, length)
            : null;
    }
}
