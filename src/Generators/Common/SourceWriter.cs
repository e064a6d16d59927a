using System.Text;

namespace Forklift.Generators.Common;

/// <summary>
/// Writes generated C# with indentation: <see cref="WriteLine(string)"/> indents every line of a multi-line string,
/// so raw-string blocks can be written as they read.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();

    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
    }

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        if (text.IndexOf('\n') < 0)
        {
            WriteSingleLine(text);
            return;
        }

        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            WriteSingleLine(line);
        }
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until <see cref="CloseBlock"/>.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();

    private void WriteSingleLine(string line)
    {
        // Blank lines carry no indentation, so the output has no trailing whitespace.
        if (line.Length != 0)
        {
            for (int i = 0; i < _indentation; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line);
        }

        _builder.Append('\n');
    }
}
