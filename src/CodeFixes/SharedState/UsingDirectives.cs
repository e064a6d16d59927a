using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Forklift.CodeFixes.SharedState;

/// <summary>Adds a <c>using</c> directive for a namespace the fix's new code names by its simple name.</summary>
internal static class UsingDirectives
{
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        foreach (var existing in unit.Usings)
        {
            if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == namespaceName)
            {
                return root;
            }
        }

        foreach (var member in unit.Members)
        {
            if (member is BaseNamespaceDeclarationSyntax declaration)
            {
                foreach (var nested in declaration.Usings)
                {
                    if (nested.Alias is null && nested.Name?.ToString() == namespaceName)
                    {
                        return root;
                    }
                }
            }
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithAdditionalAnnotations(Formatter.Annotation);
        var usings = unit.Usings;
        var index = 0;
        while (index < usings.Count && string.CompareOrdinal(usings[index].Name?.ToString(), namespaceName) < 0 && usings[index].Alias is null)
        {
            index++;
        }

        if (usings.Count == 0)
        {
            directive = directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed);
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }
}
