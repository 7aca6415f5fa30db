// What Taro's H5 <Swiper> (taro-swiper-core) imports as 'swiper/bundle' — the whole of Swiper with
// its 23 modules, ~40 KB gzipped on the home page's first visit for the one slogan banner. The
// component only reaches for pagination (indicator dots) and autoplay; loop and observer are in the
// core. Aliased in config/index.ts; add a module here before using a Swiper prop that needs it
// (zoom, effects, navigation…).
import Swiper from 'swiper'
import { Autoplay, Pagination } from 'swiper/modules'

Swiper.use([Pagination, Autoplay])

export default Swiper
