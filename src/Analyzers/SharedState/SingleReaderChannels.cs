using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Channels a type creates with <c>SingleReader = true</c>, and the members that read them. The option is the
/// developer's promise that one reader reads at a time (the channel is free to misbehave otherwise), so the member
/// that reads it (a tracker's <c>RunAsync</c> loop, set r C09) runs alone: what only it touches is not shared with
/// the type's other callers.
/// </summary>
internal static class SingleReaderChannels
{
    private static readonly string[] OptionWords = ["SingleReader"];
    private static readonly string[] ReaderWords = ["Reader"];
    private static readonly HashSet<string> ReadNames = ["ReadAllAsync", "ReadAsync", "TryRead", "WaitToReadAsync", "TryPeek"];

    /// <summary>
    /// The names of the fields of <paramref name="type"/> given a channel created with <c>SingleReader = true</c>, in
    /// their initializer or in an assignment of the type's own code (<c>_inbox = Channel.CreateBounded&lt;T&gt;(new
    /// BoundedChannelOptions(64) { SingleReader = true })</c>). Options kept in a variable first are not followed.
    /// </summary>
    public static HashSet<string> Of(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (!SourceWords.Any(reference.SyntaxTree.GetText(cancellationToken), reference.Span, OptionWords))
            {
                continue;
            }

            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "SingleReader" }, Right: var value }
                    && value.IsKind(SyntaxKind.TrueLiteralExpression)
                    && FieldGiven(node) is { } field)
                {
                    names.Add(field);
                }
            }
        }

        return names;
    }

    /// <summary>The name of a channel field of <paramref name="names"/> that <paramref name="method"/> reads, or null.</summary>
    public static string? ReadIn(IMethodSymbol method, HashSet<string> names, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (!SourceWords.Any(reference.SyntaxTree.GetText(cancellationToken), reference.Span, ReaderWords))
            {
                continue;
            }

            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var read, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Reader", Expression: var channel } }
                    && ReadNames.Contains(read)
                    && FieldNames.Written(channel) is { } name
                    && names.Contains(name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>The field whose initializer or assignment holds the option <paramref name="option"/>.</summary>
    private static string? FieldGiven(SyntaxNode option)
    {
        foreach (var ancestor in option.Ancestors())
        {
            switch (ancestor)
            {
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator:
                    return declarator.Identifier.ValueText;
                case AssignmentExpressionSyntax { Left: var target } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.Left.Span.Contains(option.Span):
                    return FieldNames.Written(target);
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
