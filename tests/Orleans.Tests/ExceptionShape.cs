using System.Text;
using System.Text.RegularExpressions;

namespace Forklift.Orleans.Tests;

/// <summary>An exception's types and messages down its inner chain, to compare what the cluster and the local pool throw.</summary>
internal static class ExceptionShape
{
    public static string Of(Exception? exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e.GetType().FullName);
            if (e is RemoteException remote)
            {
                text.Append('(').Append(remote.RemoteType).Append(')');
            }

            text.Append(": ").Append(e.Message).Append(" > ");
        }

        return text.ToString();
    }

    /// <summary>As <see cref="Of"/>, with the "Input <i>n</i>: " prefix of a map's failure made the same for every input.</summary>
    public static string WithoutInputIndex(Exception? exception) => Regex.Replace(Of(exception), @"Input \d+: ", "Input n: ");
}
