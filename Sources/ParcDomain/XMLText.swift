/// Text written into XML (UBL invoices, the answers to FusionInventory and OCS agents): the
/// characters that would end an element or an attribute, escaped.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
