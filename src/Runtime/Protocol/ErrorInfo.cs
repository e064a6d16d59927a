namespace Forklift.Protocol;

/// <summary>One exception of a chain reported by a worker (outermost first).</summary>
internal readonly record struct ErrorInfo(string TypeName, string Message, string? StackTrace)
{
    /// <summary>Writes <paramref name="exception"/> and its inner exceptions, outermost first.</summary>
    public static void WriteChain(ref PayloadWriter writer, Exception exception)
    {
        // Bounded so a pathological chain cannot make a huge frame.
        const int MaxDepth = 16;
        int count = 0;
        for (Exception? e = exception; e is not null && count < MaxDepth; e = e.InnerException)
        {
            count++;
        }

        writer.WriteVarUInt32((uint)count);
        Exception? current = exception;
        for (int i = 0; i < count; i++)
        {
            writer.WriteString(current!.GetType().FullName ?? current.GetType().Name);
            writer.WriteString(current.Message);
            writer.WriteString(current.StackTrace);
            current = current.InnerException;
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

        static string Cut(string text, int chars)
            => text.Length <= chars ? text : text[..(char.IsHighSurrogate(text[chars - 1]) ? chars - 1 : chars)];
    }

    /// <summary>Reads a chain written by <see cref="WriteChain"/>.</summary>
    public static ErrorInfo[] ReadChain(ref PayloadReader reader)
    {
        uint count = reader.ReadVarUInt32();
        if (count is 0 or > 64)
        {
            throw new InvalidDataException($"Invalid error chain length {count}.");
        }

        var chain = new ErrorInfo[count];
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = new ErrorInfo(reader.ReadString() ?? "?", reader.ReadString() ?? string.Empty, reader.ReadString());
        }

        return chain;
    }
}
