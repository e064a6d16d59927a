using System.Text;

namespace Northwind.Logging.Formatting
{
    public enum Severity { Verbose, Debug, Info, Warn, Error, Fatal }

    /// <summary>
    /// Formats log entries into single-line logfmt text. Used by every logger in
    /// the process, so it avoids allocating a builder per call on hot paths.
    /// </summary>
    public static class LogfmtFormatter
    {
        private const int MaxCachedCapacity = 4096;

        [ThreadStatic]
        private static StringBuilder? t_cachedBuilder;

        public static string Format(DateTimeOffset timestamp, Severity severity, string category, string message,
            IReadOnlyList<KeyValuePair<string, object?>>? properties = null)
        {
            var sb = Acquire();
            sb.Append("ts=").Append(timestamp.ToString("O"))
              .Append(" level=").Append(severity.ToString().ToLowerInvariant())
              .Append(" logger=").Append(category)
              .Append(" msg=");
            AppendQuoted(sb, message);

            if (properties is not null)
            {
                foreach (var (key, value) in properties)
                {
                    sb.Append(' ').Append(key).Append('=');
                    AppendQuoted(sb, value?.ToString() ?? string.Empty);
                }
            }

            return GetStringAndRelease(sb);
        }

        private static StringBuilder Acquire()
        {
            var sb = t_cachedBuilder;
            if (sb is not null)
            {
                t_cachedBuilder = null;
                sb.Clear();
                return sb;
            }
            return new StringBuilder(256);
        }

        private static string GetStringAndRelease(StringBuilder sb)
        {
            var result = sb.ToString();
            if (sb.Capacity <= MaxCachedCapacity)
            {
                t_cachedBuilder = sb;
            }
            return result;
        }

        private static void AppendQuoted(StringBuilder sb, string value)
        {
            var needsQuotes = value.Length == 0 || value.AsSpan().IndexOfAny(" =\"") >= 0;
            if (!needsQuotes)
            {
                sb.Append(value);
                return;
            }

            sb.Append('"');
            foreach (var c in value)
            {
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            sb.Append('"');
        }
    }
}
