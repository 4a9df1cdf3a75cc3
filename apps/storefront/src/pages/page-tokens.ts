export const PAGE_RENDERER = Symbol('PAGE_RENDERER');
