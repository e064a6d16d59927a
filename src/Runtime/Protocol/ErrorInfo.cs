namespace Forklift.Protocol;

/// <summary>
/// One exception of the tree a worker reports, in preorder: the exception, then each of its inner exceptions with
/// theirs (all the <see cref="AggregateException.InnerExceptions"/> of an aggregate, else the one
/// <see cref="Exception.InnerException"/>).
/// </summary>
/// <param name="TypeName">The exception's full type name: only ever compared with an allow-list, never loaded.</param>
/// <param name="Message">The message; for an <see cref="AggregateException"/>, without the inner messages it appends.</param>
/// <param name="StackTrace">The worker's stack trace.</param>
/// <param name="Detail">The <see cref="ArgumentException.ParamName"/> or <see cref="FileNotFoundException.FileName"/>, if any.</param>
/// <param name="InnerCount">How many of the following entries are its direct inner exceptions.</param>
internal readonly record struct ErrorInfo(string TypeName, string Message, string? StackTrace, string? Detail, int InnerCount)
{
    // Bounds so a pathological tree cannot make a huge frame: nesting depth, and exceptions in all.
    private const int MaxDepth = 16;
    private const int MaxCount = 64;

    /// <summary>Writes <paramref name="exception"/> and its inner exceptions, in preorder (see the type's remarks).</summary>
    public static void WriteChain(ref PayloadWriter writer, Exception exception)
    {
        var nodes = new List<(Exception Exception, int InnerCount)>();
        Collect(exception, 1, nodes);
        writer.WriteVarUInt32((uint)nodes.Count);
        foreach ((Exception current, int innerCount) in nodes)
        {
            writer.WriteString(current.GetType().FullName ?? current.GetType().Name);
            writer.WriteString(current is AggregateException aggregate ? OwnMessage(aggregate) : current.Message);
            writer.WriteString(current.StackTrace);
            writer.WriteString(current switch
            {
                ArgumentException argument => argument.ParamName,
                FileNotFoundException file => file.FileName,
                _ => null,
            });
            writer.WriteVarUInt32((uint)innerCount);
        }
    }

    /// <summary>
    /// Writes <paramref name="exception"/> alone (no inner exceptions) with its type name, message and stack trace cut so
    /// the whole chain takes at most <paramref name="maxBytes"/> bytes: for an error too large to send whole.
    /// </summary>
    public static void WriteShortened(ref PayloadWriter writer, Exception exception, int maxBytes)
    {
        const string Note = " [shortened: the error was larger than WorkerPoolOptions.MaxMessageBytes]";

        // Three strings of at most `chars` UTF-16 units, at most 3 UTF-8 bytes each, plus the note and the length prefixes.
        int chars = Math.Max(16, (maxBytes - Note.Length - 64) / 9);
        writer.WriteVarUInt32(1);
        writer.WriteString(Cut(exception.GetType().FullName ?? exception.GetType().Name, chars));
        writer.WriteString(Cut(exception.Message, chars) + Note);
        writer.WriteString(exception.StackTrace is string stack ? Cut(stack, chars) : null);
        writer.WriteString(null);
        writer.WriteVarUInt32(0);

        static string Cut(string text, int chars)
            => text.Length <= chars ? text : text[..(char.IsHighSurrogate(text[chars - 1]) ? chars - 1 : chars)];
    }

    /// <summary>Reads a tree written by <see cref="WriteChain"/>, checking that its inner counts add up.</summary>
    public static ErrorInfo[] ReadChain(ref PayloadReader reader)
    {
        uint count = reader.ReadVarUInt32();
        if (count is 0 or > MaxCount)
        {
            throw new InvalidDataException($"Invalid error chain length {count}.");
        }

        var chain = new ErrorInfo[count];
        int expected = 1;
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = new ErrorInfo(
                reader.ReadString() ?? "?",
                reader.ReadString() ?? string.Empty,
                reader.ReadString(),
                reader.ReadString(),
                (int)Math.Min(reader.ReadVarUInt32(), MaxCount));
            expected += chain[i].InnerCount - 1;
            if (expected < 0 || (expected == 0 && i != chain.Length - 1))
            {
                throw new InvalidDataException("Invalid error chain: the inner exception counts do not match.");
            }
        }

        return expected == 0 ? chain : throw new InvalidDataException("Invalid error chain: inner exceptions are missing.");
    }

    private static int Collect(Exception exception, int depth, List<(Exception, int)> nodes)
    {
        int index = nodes.Count;
        nodes.Add((exception, 0));
        IReadOnlyList<Exception> inner = exception is AggregateException aggregate
            ? aggregate.InnerExceptions
            : exception.InnerException is { } one ? new[] { one } : Array.Empty<Exception>();
        int written = 0;
        foreach (Exception child in inner)
        {
            if (depth >= MaxDepth || nodes.Count >= MaxCount)
            {
                break;
            }

            Collect(child, depth + 1, nodes);
            written++;
        }

        nodes[index] = (exception, written);
        return written;
    }

    // AggregateException.Message appends " (inner message)" for each inner exception; the caller's AggregateException
    // appends them again, so send the message it was created with when that is what the suffix shows.
    internal static string OwnMessage(AggregateException aggregate)
    {
        string message = aggregate.Message;
        string suffix = string.Concat(aggregate.InnerExceptions.Select(e => " (" + e.Message + ")"));
        return suffix.Length != 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
