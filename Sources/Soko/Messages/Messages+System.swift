// The operating system's reasons (errno) in Russian and English: a message never ends in the
// system's own English text.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Messages {
    /// Why a file operation failed, from its errno.
    public static func systemReason(_ number: Int32) -> Message {
        switch number {
        case ENOENT: Message(ru: "нет такого файла или папки", en: "no such file or folder")
        case EACCES, EPERM: Message(ru: "нет прав доступа", en: "permission denied")
        case EISDIR: Message(ru: "это папка, а не файл", en: "it is a folder, not a file")
        case ENOTDIR: Message(ru: "часть пути — не папка", en: "a part of the path is not a folder")
        case ENOSPC: Message(ru: "на диске нет места", en: "no space left on the disk")
        case EDQUOT: Message(ru: "исчерпана дисковая квота", en: "the disk quota is used up")
        case EROFS: Message(ru: "диск только для чтения", en: "the disk is read-only")
        case EIO: Message(ru: "ошибка ввода-вывода", en: "an input/output error")
        case EBADF: Message(ru: "вывод закрыт", en: "the output is closed")
        case EPIPE: Message(ru: "получатель вывода закрыт", en: "the reader of the output has gone")
        case ENAMETOOLONG: Message(ru: "слишком длинное имя файла", en: "the file name is too long")
        case ELOOP: Message(ru: "ссылки в пути образуют цикл", en: "the links in the path form a loop")
        case EMFILE, ENFILE: Message(ru: "открыто слишком много файлов", en: "too many files are open")
        case EFBIG: Message(ru: "файл слишком велик", en: "the file is too large")
        case EXDEV: Message(ru: "файл на другом диске", en: "the file is on another disk")
        case EINVAL: Message(ru: "недопустимая операция для этого файла", en: "the operation is not valid for this file")
        default: Message(ru: "системная ошибка \(number)", en: "system error \(number)")
        }
    }
}
